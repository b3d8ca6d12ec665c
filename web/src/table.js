// The event table: one page of the filtered events, sortable by date or fatalities. Rows are
// focusable; Enter or a click opens the event.

import { h, replace } from "./dom.js";
import { actorsLabel, countryName, dateLabel, fatalitiesLabel, number, placeLabel, typeLabel } from "./format.js";
import { typeColour } from "./types.js";

export const PAGE_SIZE = 50;
const SORTABLE = { date: "Date", fatalities: "Killed" };

export class EventTable {
  /**
   * @param {HTMLElement} container
   * @param {{onOpenEvent: (id: string) => void, onSort: (sort: string) => void, onPage: (offset: number) => void}} handlers
   */
  constructor(container, handlers) {
    this.handlers = handlers;
    this.caption = h("caption", { text: "Events" });
    this.head = h("thead");
    this.body = h("tbody");
    this.pager = h("nav", { class: "pager", "aria-label": "Table pages" });
    replace(container, h("div", { class: "table-scroll" }, h("table", { id: "event-table" }, this.caption, this.head, this.body)), this.pager);
  }

  /** @param {{total: number, offset: number, items: any[]}} page */
  set(page, sort, openId) {
    this.renderHead(sort || "-date");
    const items = page.items || [];
    replace(
      this.body,
      items.length
        ? items.map((item) => this.row(item, item.id === openId))
        : h("tr", {}, h("td", { colspan: "7", class: "empty", text: "No event matches these filters." })),
    );
    const first = items.length ? page.offset + 1 : 0;
    const last = page.offset + items.length;
    this.caption.textContent = `Events ${number(first)}–${number(last)} of ${number(page.total)}`;
    replace(
      this.pager,
      h("button", {
        type: "button",
        text: "Previous",
        disabled: page.offset <= 0,
        on: { click: () => this.handlers.onPage(Math.max(0, page.offset - PAGE_SIZE)) },
      }),
      h("span", { class: "pager-status", text: `${number(first)}–${number(last)} of ${number(page.total)}` }),
      h("button", {
        type: "button",
        text: "Next",
        disabled: last >= page.total,
        on: { click: () => this.handlers.onPage(page.offset + PAGE_SIZE) },
      }),
    );
  }

  renderHead(sort) {
    const header = (label, key) => {
      if (!key) return h("th", { scope: "col", text: label });
      const active = sort.replace(/^-/, "") === key;
      const descending = sort.startsWith("-");
      const next = active && descending ? key : `-${key}`;
      return h(
        "th",
        { scope: "col", "aria-sort": active ? (descending ? "descending" : "ascending") : "none" },
        h("button", {
          type: "button",
          class: "sort",
          text: `${label}${active ? (descending ? " ▼" : " ▲") : ""}`,
          "aria-label": `Sort by ${label.toLowerCase()}, ${next.startsWith("-") ? "highest or latest first" : "lowest or earliest first"}`,
          on: { click: () => this.handlers.onSort(next) },
        }),
      );
    };
    replace(
      this.head,
      h(
        "tr",
        {},
        header(SORTABLE.date, "date"),
        header("Type"),
        header("Place"),
        header("Country"),
        header("Actors"),
        header(SORTABLE.fatalities, "fatalities"),
        header("Reports"),
      ),
    );
  }

  row(item, open) {
    const openIt = () => this.handlers.onOpenEvent(item.id);
    const location = item.location || {};
    return h(
      "tr",
      {
        tabindex: "0",
        class: open ? "open" : null,
        "aria-current": open ? "true" : null,
        dataset: { eventId: item.id },
        on: {
          click: openIt,
          keydown: (event) => {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              openIt();
            }
          },
        },
      },
      // each day stays whole; a range may wrap at its dash
      h("td", { class: "date" }, dateLabel(item.date).split(" – ").map((part, i) => [i ? " – " : "", h("span", { text: part })])),
      h("td", { class: "type" }, h("span", { class: "swatch", "aria-hidden": "true", style: { "background-color": typeColour(item.type) } }), typeLabel(item)),
      h("td", { text: placeLabel(location) }),
      h("td", { text: location.country_code || "", title: countryName(location.country_code) || null }),
      h("td", { class: "actors", text: actorsLabel(item.actors) }),
      h("td", { class: "num", text: fatalitiesLabel(item.fatalities) }),
      h("td", { class: "num", text: item.n_reports === undefined ? "" : String(item.n_reports) }),
    );
  }
}
