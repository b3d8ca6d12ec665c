// The page's wiring: the URL fragment holds the state; every change of it reloads what depends on
// it, and each part (filters, timeline, map, table, event view) links to the others through it.

import "./style.css";

import { ApiError, api } from "./api.js";
import { h, replace } from "./dom.js";
import { EventView } from "./eventview.js";
import { FilterPanel } from "./filters.js";
import { number } from "./format.js";
import { EventMap } from "./map.js";
import { FILTER_KEYS, filterParams, formatHash, parseHash } from "./state.js";
import { EventTable, PAGE_SIZE } from "./table.js";
import { Timeline } from "./timeline.js";

const page = {
  state: {},
  loadedFilters: null,
  loadedEvent: null,
  generation: 0,
  controller: null,
};

const status = document.getElementById("status");
const totals = document.getElementById("totals");

/** Change the state: the new fragment is a history entry, and `hashchange` renders it. */
function update(patch) {
  const next = { ...page.state, ...patch };
  if (FILTER_KEYS.some((key) => key in patch) || "sort" in patch) delete next.offset;
  for (const [key, value] of Object.entries(next)) if (value === undefined || value === "") delete next[key];
  const hash = formatHash(next);
  if (hash === (location.hash || "")) return;
  if (hash) location.hash = hash;
  else history.pushState(null, "", location.pathname + location.search);
  if (!hash) render(parseHash(""));
}

function report(error) {
  if (error && error.name === "AbortError") return;
  const message = error instanceof ApiError ? error.message : `The page could not reach the server: ${error}`;
  replace(status, h("p", { role: "alert", class: "error", text: message }));
}

const filters = new FilterPanel(document.getElementById("filters"), {
  onChange: (patch) => update(patch),
  onReset: () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]))),
});
const timeline = new Timeline(document.getElementById("timeline"), {
  onBrush: (since, until) => update({ since, until }),
  onClear: () => update({ since: undefined, until: undefined }),
});
const eventMap = new EventMap(document.getElementById("map"), {
  onOpenEvent: (id) => update({ event: id }),
});
const table = new EventTable(document.getElementById("table-panel"), {
  onOpenEvent: (id) => update({ event: id }),
  onSort: (sort) => update({ sort }),
  onPage: (offset) => update({ offset: offset ? String(offset) : undefined }),
});
const eventView = new EventView(document.getElementById("event-panel"), {
  onClose: () => update({ event: undefined }),
  onShowOnMap: (id) => {
    if (!eventMap.show(id)) replace(status, h("p", { role: "status", text: "This event has no place on the map, or the filters hide it." }));
  },
});
document.getElementById("clear-dates").addEventListener("click", () => update({ since: undefined, until: undefined }));

/** Load and draw everything `state` needs; a newer state cancels an older one's requests. */
async function render(state) {
  const hash = location.hash;
  page.state = state;
  page.generation += 1;
  const generation = page.generation;
  if (page.controller) page.controller.abort();
  const controller = new AbortController();
  page.controller = controller;
  const { signal } = controller;
  document.body.setAttribute("aria-busy", "true");
  replace(status);
  filters.show(state);

  const filterKey = JSON.stringify(filterParams(state));
  const filtersChanged = filterKey !== page.loadedFilters;
  const current = () => generation === page.generation;
  const tasks = [
    api.summary(filterParams(state), signal).then((summary) => {
      if (!current()) return;
      const dates = summary.date_range && summary.date_range[0] ? ` · ${summary.date_range[0]} to ${summary.date_range[1]}` : "";
      totals.textContent = `${number(summary.total)} events · ${number(summary.fatalities)} killed${dates}`;
    }),
    api.summary(filterParams(state, ["since", "until"]), signal).then((summary) => {
      if (current()) timeline.set(summary.by_day, state.since, state.until);
    }),
    api
      .events({ ...filterParams(state), sort: state.sort || "-date", offset: state.offset || 0, limit: PAGE_SIZE }, signal)
      .then((result) => {
        if (current()) table.set(result, state.sort, state.event);
      }),
  ];
  if (filtersChanged) {
    tasks.push(
      api.geojson(filterParams(state), signal).then((collection) => {
        if (!current()) return;
        eventMap.setEvents(collection, true);
        page.loadedFilters = filterKey;
      }),
    );
  }
  if (state.event !== page.loadedEvent || filtersChanged) tasks.push(loadEvent(state.event, signal, current));
  const results = await Promise.allSettled(tasks);
  if (!current()) return;
  const failure = results.find((result) => result.status === "rejected");
  if (failure) report(failure.reason);
  eventMap.select(state.event || null);
  document.body.setAttribute("aria-busy", "false");
  // Which fragment the page now shows: tests (and scripts) wait for it instead of for time.
  document.body.dataset.rendered = hash;
}

async function loadEvent(id, signal, current) {
  if (!id) {
    eventView.clear();
    page.loadedEvent = null;
    return;
  }
  if (id === page.loadedEvent) return;
  eventView.loading(id);
  let detail = null;
  try {
    detail = await api.event(id, signal);
  } catch (error) {
    if (error.name !== "AbortError" && current()) eventView.failed(id, error.message);
    throw error;
  }
  const ids = new Set([
    ...(detail.reports || []).map((report) => report.article_id),
    ...(detail.claims || []).map((claim) => claim.article_id),
    ...((detail.event && detail.event.evidence) || []).map((evidence) => evidence.article_id),
  ]);
  ids.delete(undefined);
  ids.delete(null);
  const articles = new Map();
  await Promise.all(
    [...ids].map((articleId) =>
      api.article(articleId, signal).then(
        (article) => articles.set(articleId, article),
        (error) => {
          if (error.name === "AbortError") throw error;
        },
      ),
    ),
  );
  if (!current()) return;
  eventView.show(detail, articles);
  page.loadedEvent = id;
}

async function start() {
  document.body.setAttribute("aria-busy", "true");
  try {
    const [overall, topology] = await Promise.all([
      api.summary({}),
      fetch("static/world.json").then((response) => {
        if (!response.ok) throw new Error(`static/world.json: ${response.status}`);
        return response.json();
      }),
    ]);
    filters.setOptions(overall);
    eventMap.setOutline(topology);
  } catch (error) {
    report(error);
  }
  window.addEventListener("hashchange", () => render(parseHash(location.hash)));
  await render(parseHash(location.hash));
}

start();
