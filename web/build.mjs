// Builds the dashboard's libraries into newsevents/web/static/vendor (or the folder given): the
// files the page loads, copied from node_modules as npm installed them (npm ci). Our own files
// (index.html, app.js, style.css) are written in newsevents/web/static itself.
// No bundler: the page loads plain scripts, so the output is the packages' own dist files.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "newsevents", "web", "static", "vendor");
const modules = join(here, "node_modules");

const vendor = {
  "leaflet/dist/leaflet.js": "leaflet.js",
  "leaflet/dist/leaflet.css": "leaflet.css",
  "leaflet/dist/images": "images",
  "leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet.markercluster.js",
  "leaflet.markercluster/dist/MarkerCluster.css": "MarkerCluster.css",
  "leaflet.markercluster/dist/MarkerCluster.Default.css": "MarkerCluster.Default.css",
  "topojson-client/dist/topojson-client.min.js": "topojson-client.min.js",
  "uplot/dist/uPlot.iife.min.js": "uPlot.iife.min.js",
  "uplot/dist/uPlot.min.css": "uPlot.min.css",
  "world-atlas/countries-110m.json": "countries-110m.json",
  // the API's docs page (/docs): Swagger UI, served from here rather than a CDN
  "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui.css": "swagger-ui.css",
  "swagger-ui-dist/favicon-32x32.png": "swagger-favicon-32x32.png",
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [from, to] of Object.entries(vendor)) {
  cpSync(join(modules, from), join(out, to), { recursive: true });
}
console.log(`dashboard libraries built in ${out}`);
