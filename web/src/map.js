// The map: an offline world outline (Natural Earth via the world-atlas package, no tile server)
// under the events, clustered, each marker coloured by its PLOVER type. Leaflet draws with SVG and
// canvas, never WebGL, so it renders in a headless browser too.

import L from "leaflet";
import "leaflet.markercluster";
import { feature, mesh } from "topojson-client";

import { flatGeometry } from "./antimeridian.js";
import { h } from "./dom.js";
import { countryName, dateLabel, typeLabel } from "./format.js";
import { typeColour } from "./types.js";

/** One shape for a GeoJSON feature's properties: the API's EventSummary, or the export's flat one. */
export function featureSummary(feat) {
  const p = feat.properties || {};
  const location = typeof p.location === "object" && p.location ? p.location : {};
  return {
    id: p.id || feat.id,
    type: p.type,
    mode: p.mode,
    status: p.status,
    date: p.date && typeof p.date === "object" ? p.date : { start: p.date_start, end: p.date_end },
    place: location.name || (typeof p.location === "string" ? p.location : ""),
    country: location.country_code || p.country_code || "",
  };
}

export class EventMap {
  /**
   * @param {HTMLElement} container
   * @param {{onOpenEvent: (id: string) => void}} handlers
   */
  constructor(container, handlers) {
    this.handlers = handlers;
    this.markers = new Map();
    this.selected = null;
    this.map = L.map(container, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 12,
      zoomSnap: 0.5,
      keyboard: true,
    }).setView([20, 20], 2);
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Outline: Natural Earth (world-atlas)");
    this.outlineRenderer = L.canvas({ padding: 0.5 });
    this.clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      maxClusterRadius: 40,
      iconCreateFunction: (cluster) => clusterIcon(cluster),
    });
    this.map.addLayer(this.clusters);
    // The map's box changes when the event view opens beside it; Leaflet must know, or it fits
    // bounds and places markers for the old width.
    new ResizeObserver(() => this.map.invalidateSize({ pan: false })).observe(container);
  }

  /** Draw the world outline from a TopoJSON topology: land filled, borders and coasts as meshes. */
  setOutline(topology) {
    const flat = (geometry) => ({ type: "Feature", properties: {}, geometry: flatGeometry(geometry) });
    const countries = feature(topology, topology.objects.countries);
    const draw = (geojson, style) => L.geoJSON(geojson, { renderer: this.outlineRenderer, interactive: false, style }).addTo(this.map);
    draw(
      { type: "FeatureCollection", features: countries.features.map((country) => flat(country.geometry)) },
      { stroke: false, fillColor: "#f3f1ec", fillOpacity: 1 },
    );
    draw(flat(mesh(topology, topology.objects.countries, (a, b) => a !== b)), { color: "#a9a294", weight: 0.7, fill: false });
    draw(flat(mesh(topology, topology.objects.countries, (a, b) => a === b)), { color: "#8a8477", weight: 0.9, fill: false });
  }

  /** Replace the markers with these features; zoom to them when `fit`. */
  setEvents(collection, fit) {
    this.clusters.clearLayers();
    this.markers.clear();
    const layers = [];
    for (const feat of collection.features || []) {
      if (!feat.geometry || feat.geometry.type !== "Point") continue;
      const [lon, lat] = feat.geometry.coordinates;
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const summary = featureSummary(feat);
      const marker = L.marker([lat, lon], {
        icon: markerIcon(summary, summary.id === this.selected),
        keyboard: true,
        title: `${typeLabel(summary)}, ${summary.place || countryName(summary.country)}, ${dateLabel(summary.date)}`,
        eventType: summary.type,
        summary,
      });
      marker.bindPopup(() => this.popup(summary), { maxWidth: 280 });
      this.markers.set(summary.id, marker);
      layers.push(marker);
    }
    this.clusters.addLayers(layers);
    if (fit && layers.length) {
      this.map.fitBounds(L.latLngBounds(layers.map((m) => m.getLatLng())).pad(0.3), { maxZoom: 6, animate: false });
    } else if (fit) {
      this.map.setView([20, 20], 2, { animate: false });
    }
  }

  popup(summary) {
    return h(
      "div",
      { class: "popup", dataset: { eventId: summary.id } },
      h("strong", { class: "popup-type", text: typeLabel(summary) }),
      h("div", { text: [summary.place, countryName(summary.country)].filter(Boolean).join(", ") }),
      h("div", { text: `${dateLabel(summary.date)}${summary.status ? ` · ${summary.status}` : ""}` }),
      h("button", {
        type: "button",
        class: "open-event",
        text: "Open event",
        on: { click: () => this.handlers.onOpenEvent(summary.id) },
      }),
    );
  }

  /** Mark the open event's marker, so the map shows which one the event view is about. */
  select(id) {
    for (const [markerId, marker] of this.markers) {
      const wanted = markerId === id;
      const was = markerId === this.selected;
      if (wanted !== was) marker.setIcon(markerIcon(featureSummaryOf(marker), wanted));
    }
    this.selected = id;
  }

  /** Zoom until the event's marker is out of its cluster, then open its popup. */
  show(id) {
    const marker = this.markers.get(id);
    if (!marker) return false;
    this.clusters.zoomToShowLayer(marker, () => marker.openPopup());
    return true;
  }

}

function featureSummaryOf(marker) {
  return marker.options.summary;
}

function markerIcon(summary, selected) {
  const dot = h("span", {
    class: selected ? "ew-marker selected" : "ew-marker",
    dataset: { eventId: summary.id, type: summary.type || "" },
    style: { "background-color": typeColour(summary.type) },
  });
  return L.divIcon({ html: dot, className: "ew-marker-icon", iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -8] });
}

/** A cluster is a ring whose slices are its markers' types, with the count in the middle. */
function clusterIcon(cluster) {
  const counts = new Map();
  for (const marker of cluster.getAllChildMarkers()) {
    const type = marker.options.eventType || "";
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  const total = cluster.getChildCount();
  const slices = [];
  let angle = 0;
  for (const [type, n] of [...counts].sort((a, b) => b[1] - a[1])) {
    const next = angle + (n / total) * 360;
    slices.push(`${typeColour(type)} ${angle}deg ${next}deg`);
    angle = next;
  }
  const size = total < 10 ? 30 : total < 100 ? 36 : 44;
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([type, n]) => `${n} ${type || "untyped"}`);
  const ring = h(
    "div",
    {
      class: "ew-cluster",
      "aria-label": `${total} events: ${parts.join(", ")}`,
      style: { background: `conic-gradient(${slices.join(", ")})` },
    },
    h("span", { text: String(total) }),
  );
  return L.divIcon({ html: ring, className: "ew-cluster-icon", iconSize: [size, size] });
}
