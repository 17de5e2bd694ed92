// Builds the dashboard into newsevents/web/static (or the folder given): our own files from src/ and, under vendor/,
// the library files the page loads, copied from node_modules as npm installed them (npm ci).
// No bundler: the page loads plain scripts, so the output is the packages' own dist files.
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "newsevents", "web", "static");
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
mkdirSync(join(out, "vendor"), { recursive: true });
for (const name of readdirSync(join(here, "src"))) {
  cpSync(join(here, "src", name), join(out, name), { recursive: true });
}
for (const [from, to] of Object.entries(vendor)) {
  cpSync(join(modules, from), join(out, "vendor", to), { recursive: true });
}
console.log(`dashboard built in ${out}`);
