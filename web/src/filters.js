// The filter panel: the API's filters as labelled form controls. Its choices (countries, types)
// come from the whole store, each with its number of events, so a filter never hides its options.

import { h, replace } from "./dom.js";
import { countryName, number } from "./format.js";
import { PLOVER_TYPES, typeColour } from "./types.js";

export class FilterPanel {
  /**
   * @param {HTMLFormElement} form
   * @param {{onChange: (patch: Record<string, string|undefined>) => void, onReset: () => void}} handlers
   */
  constructor(form, handlers) {
    this.form = form;
    this.handlers = handlers;
    this.country = form.querySelector("#filter-country");
    this.types = form.querySelector("#filter-types");
    this.since = form.querySelector("#filter-since");
    this.until = form.querySelector("#filter-until");
    this.text = form.querySelector("#filter-text");
    this.actor = form.querySelector("#filter-actor");
    this.minFatalities = form.querySelector("#filter-min-fatalities");
    this.country.addEventListener("change", () => handlers.onChange({ country: this.country.value || undefined }));
    for (const [input, key] of [
      [this.since, "since"],
      [this.until, "until"],
      [this.text, "text"],
      [this.actor, "actor"],
      [this.minFatalities, "min_fatalities"],
    ]) {
      input.addEventListener("change", () => handlers.onChange({ [key]: input.value.trim() || undefined }));
    }
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("reset", (event) => {
      event.preventDefault();
      handlers.onReset();
    });
  }

  /** Fill the choices from the store-wide summary. */
  setOptions(summary) {
    const countries = Object.entries(summary.by_country || {}).sort((a, b) =>
      countryName(a[0]).localeCompare(countryName(b[0]), "en"),
    );
    replace(
      this.country,
      h("option", { value: "", text: `All countries (${number(summary.total)})` }),
      countries.map(([code, n]) => h("option", { value: code, text: `${countryName(code)} (${code}) · ${number(n)}` })),
    );
    const byType = summary.by_type || {};
    const types = [...PLOVER_TYPES.filter((type) => byType[type]), ...Object.keys(byType).filter((t) => !PLOVER_TYPES.includes(t))];
    replace(
      this.types,
      types.map((type) => {
        const id = `filter-type-${type.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
        const box = h("input", { type: "checkbox", id, value: type, name: "type" });
        box.addEventListener("change", () => this.handlers.onChange({ type: this.checkedTypes().join(",") || undefined }));
        return h(
          "div",
          { class: "type-option" },
          box,
          h(
            "label",
            { for: id },
            h("span", { class: "swatch", "aria-hidden": "true", style: { "background-color": typeColour(type) } }),
            h("span", { class: "type-name", text: type }),
            h("span", { class: "count", text: number(byType[type]) }),
          ),
        );
      }),
    );
  }

  checkedTypes() {
    return [...this.types.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value);
  }

  /** Show `state` in the controls (after a brush, a link or Back). */
  show(state) {
    if ([...this.country.options].some((option) => option.value === (state.country || ""))) {
      this.country.value = state.country || "";
    } else if (state.country) {
      // a link may name a country by name or ISO3 code: keep it selectable as given
      this.country.append(h("option", { value: state.country, text: state.country }));
      this.country.value = state.country;
    }
    const wanted = new Set((state.type || "").split(",").filter(Boolean));
    for (const box of this.types.querySelectorAll("input[type=checkbox]")) box.checked = wanted.has(box.value);
    this.since.value = state.since || "";
    this.until.value = state.until || "";
    this.text.value = state.text || "";
    this.actor.value = state.actor || "";
    this.minFatalities.value = state.min_fatalities || "";
  }
}
