// The newsevents dashboard: a map, a timeline, filters, a sortable list and the event panel.
// Every view is described by the page's query string (filters, sort, selected event, layers),
// so a URL can be shared. Text from articles is only ever set with textContent.
"use strict";

const FILTERS = ["since", "until", "type", "country", "admin1", "actor", "text", "status",
  "min_confidence", "reviewed", "main_only"];
const PAGE = 100;
const MAP_LIMIT = 1000;
const TYPE_COLOURS = {
  ASSAULT: "#c92a2a", COERCE: "#e8590c", PROTEST: "#f08c00", THREATEN: "#d6336c",
  MOBILIZE: "#862e9c", SANCTION: "#5f3dc4", ACCUSE: "#364fc7", REJECT: "#1864ab",
  REQUEST: "#0b7285", RETREAT: "#087f5b", AID: "#2b8a3e", COOPERATE: "#5c940d",
  CONCEDE: "#74b816", SUPPORT: "#94d82d", CONSULT: "#15aabf", AGREE: "#22b8cf",
  DISPLACEMENT: "#a61e4d", DISASTER: "#495057", CRIME: "#212529",
};
const REVIEW_FIELDS = [  // what an analyst may correct, and how the form reads it
  ["type", "text"], ["status", "text"], ["date", "date"], ["actors", "text"],
  ["place", "text"], ["country", "text"], ["admin1", "text"], ["fatalities", "number"],
  ["injured", "number"],
];

const state = new URLSearchParams(location.search);
let nextCursor = null;
let mapNote = "";  // said under the filters when the map shows only part of the list

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function colour(type) { return TYPE_COLOURS[type] || "#868e96"; }

function saveState() {
  const query = state.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function filterQuery(extra = {}, omit = []) {
  const query = new URLSearchParams();
  for (const key of FILTERS) {
    if (!omit.includes(key) && state.get(key)) query.set(key, state.get(key));
  }
  for (const [key, value] of Object.entries(extra)) if (value != null) query.set(key, value);
  return query;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ? JSON.stringify(body.detail) : response.statusText);
  return body;
}

// ---- map -------------------------------------------------------------------------------------
const map = L.map("map", { worldCopyJump: true, maxZoom: 18 }).setView([20, 20], 2);
const basemap = L.layerGroup().addTo(map);
const tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
  { attribution: "&copy; OpenStreetMap contributors", maxZoom: 18 });
const markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
const changeLayer = L.layerGroup();
let countryShapes = null;
map.addLayer(markers);
L.control.layers({ "offline basemap": basemap, "online tiles (OpenStreetMap)": tiles },
  { events: markers, "change (alerts)": changeLayer }).addTo(map);
map.on("baselayerchange", (e) => { toggleState("tiles", e.layer === tiles); });
map.on("overlayadd overlayremove", (e) => {
  if (e.layer === changeLayer) toggleState("alerts", e.type === "overlayadd");
});

// The map's view is part of the state: "lat,lon,zoom".
map.on("moveend", () => {
  const { lat, lng } = map.getCenter();
  state.set("map", `${lat.toFixed(2)},${lng.toFixed(2)},${map.getZoom()}`);
  saveState();
});

function restoreView() {
  const [lat, lon, zoom] = (state.get("map") || "").split(",").map(Number);
  if ([lat, lon, zoom].every(Number.isFinite)) map.setView([lat, lon], zoom);
}

function toggleState(key, on) {
  if (on) state.set(key, "1"); else state.delete(key);
  saveState();
}

async function loadBasemap() {
  const atlas = await api("vendor/countries-110m.json");
  countryShapes = topojson.feature(atlas, atlas.objects.countries);
  L.geoJSON(countryShapes, {
    style: { color: "#8a9bb0", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(basemap);
}

function markerFor(event) {
  const radius = 5 + Math.min(20, 2 * Math.sqrt(event.fatalities || 0));
  const marker = L.circleMarker([event.lat, event.lon], {
    radius, color: "#fff", weight: 1, fillColor: colour(event.type), fillOpacity: 0.85,
  });
  marker.bindTooltip(`${event.type} ${event.date || ""} ${event.location || ""}`);
  marker.on("click", () => selectEvent(event.id));
  return marker;
}

async function loadMarkers() {
  const page = await api(`/api/events?${filterQuery({ limit: MAP_LIMIT, located: "true" })}`);
  markers.clearLayers();
  markers.addLayers(page.items.map(markerFor));
  document.getElementById("map").dataset.markers = String(page.items.length);
  mapNote = page.total > page.items.length
    ? ` (the map shows the latest ${page.items.length})` : "";
}

async function loadChangeLayer() {
  changeLayer.clearLayers();
  if (!countryShapes) return;
  const alerts = await api("/api/alerts?measure=events");
  const levels = new Map(alerts.items.filter((a) => a.kind === "country" && a.level)
    .map((a) => [a.country_numeric, a]));
  L.geoJSON(countryShapes, {
    filter: (feature) => levels.has(feature.id),
    style: (feature) => ({
      className: `change-area ${levels.get(feature.id).level}`,
      color: "#000", weight: 1, fillOpacity: 0.45,
      fillColor: levels.get(feature.id).level === "large" ? "#e03131" : "#ffa94d",
    }),
    onEachFeature: (feature, layer) => {
      const a = levels.get(feature.id);
      layer.bindTooltip(`${feature.properties.name}: ${a.current} events this week, ` +
        `${a.level} increase`);
    },
  }).addTo(changeLayer);
}

// ---- timeline --------------------------------------------------------------------------------
let timeline = null;

async function loadTimeline() {
  // The timeline shows every date, so that a brushed range can be widened again.
  const stats = await api(`/api/stats?${filterQuery({}, ["since", "until"])}`);
  const days = stats.by_day.map((d) => Date.parse(d.key) / 1000);
  const counts = stats.by_day.map((d) => d.events);
  const box = document.getElementById("timeline");
  box.dataset.days = String(days.length);
  document.getElementById("off-timeline").textContent = stats.off_timeline
    ? `(${stats.off_timeline} not drawn: told as background, undated, or dated after their news)`
    : "";
  if (timeline) timeline.destroy();
  timeline = new uPlot({
    width: box.clientWidth || 600, height: 130,
    cursor: { drag: { x: true, y: false, setScale: false } },
    select: { show: true },
    scales: { x: { time: true } },
    axes: [{}, { size: 40 }],
    legend: { show: false },
    series: [{}, { label: "events", stroke: "#1d3557", fill: "rgba(29,53,87,0.25)",
      paths: uPlot.paths.bars({ size: [0.8, 12] }) }],
    hooks: { setSelect: [brushed] },
  }, [days, counts], box);
  const [min, max] = bulk(days, counts);
  if (min < max) timeline.setScale("x", { min, max });
  fillTypeOptions(stats.by_type);
}

// The days that hold the middle 98% of the events, padded by a day: the API leaves background
// and future-dated events out of by_day, but a few dates misread far in the past would
// otherwise still squeeze the rest into one bar.
function bulk(days, counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  let seen = 0, first = days[0], last = days[days.length - 1];
  for (const [i, n] of counts.entries()) {
    if (seen <= total * 0.01) first = days[i];
    seen += n;
    if (seen >= total * 0.99) { last = days[i]; break; }
  }
  return [first - 86400, last + 86400];
}

function brushed(u) {
  if (u.select.width < 2) return;
  const day = (seconds) => new Date(seconds * 1000).toISOString().slice(0, 10);
  state.set("since", day(u.posToVal(u.select.left, "x")));
  state.set("until", day(u.posToVal(u.select.left + u.select.width, "x")));
  u.setSelect({ left: 0, width: 0 }, false);
  showFilters();
  refresh({ timeline: false });
}

function fillTypeOptions(byType) {
  const select = document.querySelector("#filters [name=type]");
  const known = new Set([...select.options].map((o) => o.value));
  for (const row of byType) {
    if (!known.has(row.key)) select.append(el("option", { value: row.key, text: row.key }));
  }
  select.value = state.get("type") || "";
}

// ---- list ------------------------------------------------------------------------------------
function reviewBadge(review) {
  return review ? el("span", { class: `badge ${review}`, text: review }) : "";
}

function row(event) {
  const tr = el("tr", { "data-id": event.id, onclick: () => selectEvent(event.id) },
    el("td", { text: event.date || "-" }),
    el("td", {}, el("span", { class: "swatch", style: `background:${colour(event.type)}` }),
      event.type, reviewBadge(event.review)),
    el("td", { text: event.location || event.country || "-" }),
    el("td", { text: event.fatalities ?? "" }),
    el("td", { text: event.source_count }),
    el("td", { text: event.confidence.toFixed(2) }));
  if (event.id === state.get("event")) tr.classList.add("selected");
  return tr;
}

async function loadList(append = false) {
  const query = filterQuery({ limit: PAGE, sort: state.get("sort") || "-date" });
  if (append && nextCursor) query.set("cursor", nextCursor);
  const page = await api(`/api/events?${query}`);
  const body = document.querySelector("#list tbody");
  if (!append) body.replaceChildren();
  body.append(...page.items.map(row));
  nextCursor = page.next_cursor;
  document.getElementById("more").hidden = !nextCursor;
  document.getElementById("summary").textContent =
    `${page.total} events` + (state.get("since") || state.get("until")
      ? ` from ${state.get("since") || "the start"} to ${state.get("until") || "now"}` : "")
    + mapNote;
  const sort = (state.get("sort") || "-date").replace(/^-/, "");
  for (const th of document.querySelectorAll("#list th[data-sort]")) {
    th.classList.toggle("sorted", th.dataset.sort === sort);
  }
}

// ---- event panel -----------------------------------------------------------------------------
const COUNTS = ["fatalities", "injured", "displaced", "arrested"];

function counts(event) {
  return COUNTS.filter((k) => event[k] != null)
    .map((k) => {
      const range = event.ranges[k];  // the machine's range of reports
      const spread = range && range.low !== range.high ? ` (${range.low}–${range.high})` : "";
      return `${k} ${event[k]}${spread}`;
    }).join(", ") || "-";
}

function field(label, value, machine) {
  const dd = el("dd", { text: value ?? "-" });
  if (machine !== undefined) {
    dd.append(el("span", { class: "machine", title: "machine output", text: machine ?? "-" }));
    dd.append(el("span", { class: "badge corrected", text: "analyst" }));
  }
  return [el("dt", { text: label }), dd];
}

// An event's actor names, each with its country where the mentions give one.
function actorText(names, details, role) {
  const country = new Map(details.filter((d) => d.role === role && d.country)
    .map((d) => [d.text, d.country]));
  return names.map((n) => n + (country.has(n) ? ` (${country.get(n)})` : "")).join(", ") || "-";
}

// Article text with each evidence span wrapped in <mark>, built from text nodes only.
function highlighted(text, spans) {
  const box = el("div", { class: "article-text" });
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at || span.end > text.length) continue;
    box.append(document.createTextNode(text.slice(at, span.start)));
    box.append(el("mark", { class: "evidence", text: text.slice(span.start, span.end) }));
    at = span.end;
  }
  box.append(document.createTextNode(text.slice(at)));
  return box;
}

// A source article, folded; opening it loads its text with the evidence highlighted.
function sourceBlock(source, evidence) {
  const details = el("details", {}, el("summary", {},
    `${source.source || "unknown outlet"} — ${source.title || source.article_id}` +
    ` (${source.published || "undated"}) `,
    source.url ? el("a", { href: source.url, target: "_blank", rel: "noopener noreferrer",
      text: "link" }) : ""));
  details.load = () => (details.loading ??= (async () => {
    const article = await api(`/api/articles/${encodeURIComponent(source.article_id)}`);
    const text = highlighted(article.text, evidence.filter((e) =>
      e.article_id === source.article_id && !e.kind.startsWith("title:")));
    details.append(text);
    const mark = text.querySelector("mark");
    if (mark) text.scrollTop = mark.offsetTop - 40;
  })());
  details.addEventListener("toggle", () => details.open && details.load());
  return details;
}

function reviewForm(event) {
  const inputs = {};
  const action = el("select", { name: "action" },
    ...["confirm", "correct", "reject"].map((a) => el("option", { value: a, text: a })));
  const form = el("form", { class: "review" }, el("strong", { class: "wide", text: "Review" }),
    el("label", { text: "action" }), action);
  for (const [name, kind] of REVIEW_FIELDS) {
    inputs[name] = el("input", { name, type: kind, placeholder: "unchanged" });
    form.append(el("label", { text: name }), inputs[name]);
  }
  const note = el("input", { name: "note" });
  const token = el("input", { name: "token", type: "password",
    value: localStorage.getItem("newsevents-token") || "" });
  const message = el("div", { class: "wide error" });
  form.append(el("label", { text: "note" }), note, el("label", { text: "token" }), token,
    el("button", { class: "wide", type: "submit", text: "save review" }), message);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const changes = {};
    for (const [name, kind] of REVIEW_FIELDS) {
      const value = inputs[name].value.trim();
      if (!value) continue;
      if (name === "actors") changes.actors = value.split(",").map((s) => s.trim()).filter(Boolean);
      else changes[name] = kind === "number" ? Number(value) : value;
    }
    localStorage.setItem("newsevents-token", token.value);
    try {
      await api(`/api/events/${encodeURIComponent(event.id)}/review`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token.value}` },
        body: JSON.stringify({ action: action.value, changes, note: note.value || null }),
      });
      await selectEvent(event.id);
      loadList();
    } catch (err) {
      message.textContent = `not saved: ${err.message}`;
    }
  });
  return form;
}

async function selectEvent(id) {
  state.set("event", id);
  saveState();
  for (const tr of document.querySelectorAll("#list tbody tr")) {
    tr.classList.toggle("selected", tr.dataset.id === id);
  }
  const panel = document.getElementById("panel");
  const event = await api(`/api/events/${encodeURIComponent(id)}`);
  const sentences = event.evidence.filter((e) => e.kind === "sentence");
  const machine = event.machine || {};
  // A field the analyst corrected shows beside the machine's value, struck through.
  const asMachine = (keys, show) =>
    keys.some((k) => k in machine) ? show({ ...event, ...machine }) : undefined;
  const placeOf = (v) => [v.location, v.admin1, v.country].filter(Boolean).join(", ") || "-";
  panel.replaceChildren(
    el("h2", {}, el("span", { class: "swatch", style: `background:${colour(event.type)}` }),
      `${event.type} ${event.acled_sub_event_type ? "— " + event.acled_sub_event_type : ""}`,
      reviewBadge(event.review)),
    el("dl", {},
      ...field("date", `${event.date || "-"} (${event.date_precision})`, machine.date),
      ...field("place", placeOf(event) + (event.geo_precision ? ` (${event.geo_precision})` : ""),
        asMachine(["location", "admin1", "country"], placeOf)),
      ...field("actors", actorText(event.actors, event.actor_details, "actor"), machine.actors),
      ...field("recipients", actorText(event.recipients, event.actor_details, "recipient"),
        machine.recipients),
      ...field("counts", counts(event), asMachine(COUNTS, counts)),
      ...field("status", event.status, machine.status),
      ...field("type", event.type, machine.type),
      ...field("confidence", event.confidence.toFixed(2)),
      ...field("main happening of", event.main_count === null
        ? "not known (stored before the store kept it)" : `${event.main_count} article(s)`),
      ...field("reported", `${event.first_reported || "-"} to ${event.last_reported || "-"}` +
        ` by ${event.source_count} source(s)`)),
    el("h3", { text: "Evidence" }),
    el("ul", {}, ...[...new Set(sentences.map((e) => e.sentence))]
      .map((sentence) => el("li", { text: sentence }))),
    el("h3", { text: "Sources" }));
  panel.hidden = false;
  for (const [i, source] of event.sources.entries()) {
    const block = sourceBlock(source, sentences);
    panel.append(block);
    if (i === 0) {
      block.open = true;
      await block.load();
    }
  }
  if (event.review_history.length) {
    panel.append(el("h3", { text: "Review history" }), el("ul", {},
      ...event.review_history.map((r) => el("li", {
        text: `${r.created_at} ${r.action}${r.reviewer ? " by " + r.reviewer : ""}: ` +
          `${JSON.stringify(r.changes)}${r.note ? " — " + r.note : ""}`,
      }))));
  }
  panel.append(reviewForm(event));
}

// ---- filters and start-up ---------------------------------------------------------------------
function showFilters() {
  const form = document.getElementById("filters");
  for (const key of FILTERS) form.elements[key].value = state.get(key) || "";
}

async function refresh({ timeline: withTimeline = true } = {}) {
  saveState();
  await Promise.all([loadMarkers(), withTimeline ? loadTimeline() : null]);
  await loadList();  // after the markers: its summary says how many the map shows
}

document.getElementById("filters").addEventListener("change", (e) => {
  const { name, value } = e.target;
  if (value) state.set(name, value); else state.delete(name);
  refresh({ timeline: !["since", "until"].includes(name) });
});
document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
document.getElementById("clear").addEventListener("click", () => {
  for (const key of FILTERS) state.delete(key);
  showFilters();
  refresh();
});
document.getElementById("more").addEventListener("click", () => loadList(true));
for (const th of document.querySelectorAll("#list th[data-sort]")) {
  th.addEventListener("click", () => {
    const current = state.get("sort") || "-date";
    const key = th.dataset.sort;
    state.set("sort", current === `-${key}` ? key : `-${key}`);
    saveState();
    loadList();
  });
}

async function start() {
  showFilters();
  restoreView();
  await loadBasemap();
  if (state.get("tiles")) map.removeLayer(basemap), map.addLayer(tiles);
  await loadChangeLayer().catch(() => {});
  if (state.get("alerts")) map.addLayer(changeLayer);
  await refresh();
  if (state.get("event")) await selectEvent(state.get("event"));
  document.body.dataset.ready = "1";
}

start().catch((err) => {
  document.getElementById("summary").append(el("div", { class: "error", text: String(err) }));
});
