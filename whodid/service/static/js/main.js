// The dashboard: wires the filter panel to the views and the API.

import { getJSON, postJSON } from "./api.js";
import { ArticleView } from "./article.js";
import { FilterPanel } from "./filters.js";
import { renderNetwork } from "./network.js";
import { WorldMap } from "./map.js";
import { EventTable } from "./table.js";
import { renderTimeline } from "./timeline.js";
import { QUADS, el, clear, plural } from "./util.js";

const $ = (selector) => document.querySelector(selector);

const SAMPLE = `Moscow, October 8 (Wire) - Secretary of State John Kerry telephoned Foreign Minister Sergei Lavrov on Wednesday and urged Russia to stop bombing moderate rebels in Syria.

Turkey summoned the Russian ambassador in Ankara after Russian jets violated its airspace. NATO condemned the Russian strikes near Idlib.`;

let generation = 0;
let worldMap = null;
let mapNote = "";
const status = $("#status");

function showStatus(message, isError = true) {
  status.hidden = !message;
  status.textContent = message || "";
  status.classList.toggle("error", Boolean(message) && isError);
}

function markRefreshed() {
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || "0") + 1);
}

const filters = new FilterPanel($("#filters"), refresh);
const table = new EventTable($("#event-table"), $("#table-more"), $("#table-caption"), (event) => openArticle(event.doc_key || event.doc_id, event.mention_id));
const article = new ArticleView($("#article-text"), $("#article-events"));
const live = new ArticleView($("#live-text-out"), $("#live-events"));

function renderLegends() {
  const legend = $("#quad-legend");
  for (const [q, info] of Object.entries(QUADS)) {
    legend.appendChild(el("span", { class: "item" }, el("span", { class: `swatch q${q}` }), `${q} ${info.name}`));
  }
  $("#scale-legend").append(
    el("span", { class: "item" }, "edge colour: mean event scale", el("span", { class: "ramp" }), "−10 conflict … +10 cooperation"),
    el("span", { class: "item", text: "width: number of events; click a node to filter by it" }));
}

async function refresh() {
  const mine = ++generation;
  const params = filters.validParams();
  const by = $("#timeline-by").value;
  try {
    const [timeline, dyads, places, events] = await Promise.all([
      getJSON("/timeline", { ...params, by }),
      getJSON("/dyads", { ...params, limit: 150 }),
      getJSON("/places", params),
      getJSON("/events", { ...params, limit: 50 }),
    ]);
    if (mine !== generation) return;  // a newer refresh is on its way
    showStatus("");
    renderTimeline($("#timeline"), timeline);
    renderNetwork($("#network"), dyads, { chosen: new Set(params.country), onNode: (code) => filters.toggleCountry(code) });
    $("#network-caption").textContent = dyads.total > dyads.dyads.length
      ? `${dyads.dyads.length} of ${plural(dyads.total, "dyad")} (the busiest)` : plural(dyads.total, "dyad");
    if (worldMap) {
      const drawn = worldMap.render(places);
      $("#map-caption").textContent = `${plural(drawn.located, "place")}` + (drawn.countries ? `, ${plural(drawn.countries, "country", "countries")} (country level only)` : "");
      $("#map-note").textContent = [mapNote, places.unlocated ? `${plural(places.unlocated, "event")} without a known place are not on the map.` : ""].filter(Boolean).join(" ");
    }
    table.reset();
    table.append(events);
    $("#match-count").textContent = `${plural(events.total, "event")} match`;
  } catch (error) {
    if (mine === generation) showStatus(`Could not load the events: ${error.message}`);
  } finally {
    if (mine === generation) markRefreshed();
  }
}

async function loadMore() {
  if (!table.next) return;
  $("#table-more").disabled = true;
  try {
    table.append(await getJSON("/events", { ...filters.validParams(), limit: 50, cursor: table.next }));
  } catch (error) {
    showStatus(`Could not load more events: ${error.message}`);
  } finally {
    $("#table-more").disabled = false;
  }
}

async function openArticle(key, mentionId = null) {
  if (!key) return;
  try {
    const doc = await getJSON(`/documents/${encodeURIComponent(key)}`);
    const select = $("#article-select");
    if (![...select.options].some((o) => o.value === doc.key)) {
      select.appendChild(el("option", { value: doc.key, text: doc.title || doc.id }));
    }
    select.value = doc.key;
    const bits = [doc.id, doc.date && `published ${doc.date}`, doc.source, plural(doc.events.length, "event")].filter(Boolean);
    const meta = $("#article-meta");
    clear(meta);
    meta.append(el("strong", { text: doc.title || doc.id }), ` · ${bits.join(" · ")}`);
    if (doc.url && /^https?:\/\//i.test(doc.url)) meta.append(" · ", el("a", { href: doc.url, rel: "noreferrer noopener", target: "_blank", text: "source" }));
    const focus = mentionId ? doc.events.findIndex((r) => r.mention_id === mentionId) : null;
    article.show(doc.text || "", doc.events, focus);
    if (mentionId) $("#article-panel").scrollIntoView({ behavior: "smooth", block: "start" });
  } catch (error) {
    showStatus(`Could not open the document: ${error.message}`);
  }
}

async function loadDocuments() {
  const data = await getJSON("/documents", { limit: 500 });
  const select = $("#article-select");
  for (const doc of data.documents) {
    select.appendChild(el("option", { value: doc.key, text: `${doc.title || doc.id}${doc.date ? " (" + doc.date + ")" : ""}` }));
  }
  if (data.documents.length) {
    select.value = data.documents[0].key;
    await openArticle(data.documents[0].key);
  }
}

async function codeLive(event) {
  event.preventDefault();
  const text = $("#live-text").value;
  const liveStatus = $("#live-status");
  if (!text.trim()) {
    liveStatus.textContent = "Paste some text first.";
    return;
  }
  const date = $("#live-date").value;
  const head = text.trimStart().slice(0, 200).toLowerCase();
  const isHtml = head.startsWith("<!doctype html") || head.startsWith("<html") || (head.startsWith("<") && /<(body|article|p)[\s>]/.test(head));
  const body = isHtml ? { html: text } : { text };
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) body.date = date;
  const button = $("#live-submit");
  button.disabled = true;
  liveStatus.textContent = "Coding…";
  try {
    const result = await postJSON("/code", body);
    live.show(result.document ? result.document.text : text, result.events);
    liveStatus.textContent = `${plural(result.events.length, "event")}` + (result.document && result.document.date ? ` (dated against ${result.document.date})` : " (no publication date: relative dates are not resolved)");
  } catch (error) {
    liveStatus.textContent = `Could not code it: ${error.message}`;
  } finally {
    button.disabled = false;
  }
}

async function start() {
  renderLegends();
  $("#table-more").addEventListener("click", loadMore);
  $("#timeline-by").addEventListener("change", refresh);
  $("#map-fit").addEventListener("change", (e) => {
    if (!worldMap) return;
    worldMap.fitToEvents = e.target.checked;
    if (worldMap.lastData) worldMap.render(worldMap.lastData);
  });
  $("#article-select").addEventListener("change", (e) => openArticle(e.target.value));
  $("#live-form").addEventListener("submit", codeLive);
  $("#live-sample").addEventListener("click", () => {
    $("#live-text").value = SAMPLE;
    $("#live-date").value = "2015-10-08";
  });
  try {
    const [health, actors, world] = await Promise.all([getJSON("/health"), getJSON("/actors", { limit: 1000 }), getJSON("/map/world")]);
    const store = health.store;
    const summary = $("#store-summary");
    const file = store.path.split(/[\\/]/).pop();
    summary.textContent = store.readable
      ? `${plural(store.events, "event")} from ${plural(store.documents, "document")}` + (store.first_date ? `, ${store.first_date} to ${store.last_date}` : "") + ` · ${file}`
      : `No readable store (${store.note || store.problem || file}). You can still code an article below.`;
    summary.title = store.path;
    filters.setActors(actors.actors);
    worldMap = new WorldMap($("#map"), world);
    if (!world.available) mapNote = world.note || "Country outlines are not available.";
  } catch (error) {
    showStatus(`Could not reach the server: ${error.message}`);
  }
  await Promise.all([refresh(), loadDocuments().catch((error) => showStatus(`Could not list documents: ${error.message}`))]);
  document.body.dataset.ready = "true";
}

start();
