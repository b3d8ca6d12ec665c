// The event view: the record, every claim with its speaker, and each source article with the
// claims marked (<mark>) inside their evidence sentences. Article text is data: it only ever
// enters the page as text nodes (highlight.js).

import { h, replace, safeLink } from "./dom.js";
import { countryName, dateLabel, fatalitiesLabel, placeLabel, typeLabel } from "./format.js";
import { renderHighlighted } from "./highlight.js";
import { typeColour } from "./types.js";

const KIND_WORDS = { fatalities: "killed", injuries: "injured" };

export function claimFigure(claim) {
  const has = (value) => value !== null && value !== undefined;
  if (has(claim.value)) return String(claim.value);
  if (has(claim.low) && has(claim.high)) return claim.low === claim.high ? String(claim.low) : `${claim.low}–${claim.high}`;
  if (has(claim.low)) return `${claim.low}+`;
  return "?";
}

export function claimSentence(claim) {
  const kind = KIND_WORDS[claim.kind] || claim.kind || "";
  const qualifier = claim.qualifier && claim.qualifier !== "exact" ? ` (${claim.qualifier})` : "";
  return `${claimFigure(claim)} ${kind}${qualifier}`;
}

export class EventView {
  /**
   * @param {HTMLElement} container
   * @param {{onClose: () => void, onShowOnMap: (id: string) => void}} handlers
   */
  constructor(container, handlers) {
    this.container = container;
    this.handlers = handlers;
  }

  clear() {
    this.container.hidden = true;
    replace(this.container);
  }

  loading(id) {
    this.container.hidden = false;
    replace(this.container, h("p", { class: "loading", text: `Loading event ${id}…` }));
  }

  failed(id, message) {
    this.container.hidden = false;
    replace(
      this.container,
      h("div", { class: "event-head" },
        h("h2", { id: "event-heading", text: "Event not shown" }),
        h("button", { type: "button", class: "close", "aria-label": "Close event", text: "×", on: { click: () => this.handlers.onClose() } }),
      ),
      h("p", { class: "error", text: message }),
    );
  }

  /**
   * @param {{event: any, reports: any[], claims: any[]}} detail
   * @param {Map<string, any>} articles  article id -> article (text included)
   */
  show(detail, articles) {
    const { event } = detail;
    const claims = detail.claims || [];
    this.container.hidden = false;
    const heading = h("h2", { id: "event-heading", tabindex: "-1" },
      h("span", { class: "swatch", "aria-hidden": "true", style: { "background-color": typeColour(event.type) } }),
      typeLabel(event),
      h("span", { class: `status status-${event.status}`, text: event.status || "" }),
    );
    replace(
      this.container,
      h(
        "div",
        { class: "event-head" },
        heading,
        h("button", { type: "button", class: "close", "aria-label": "Close event", text: "×", on: { click: () => this.handlers.onClose() } }),
      ),
      this.facts(event),
      h("div", { class: "event-actions" },
        h("button", { type: "button", class: "show-on-map", text: "Show on map", on: { click: () => this.handlers.onShowOnMap(event.id) } }),
      ),
      this.actors(event.actors || []),
      this.claimList(claims),
      this.sources(detail, claims, articles),
    );
    heading.focus({ preventScroll: true });
  }

  facts(event) {
    const location = event.location || {};
    const rows = [
      ["Date", `${dateLabel(event.date)}${event.date && event.date.precision ? ` (${event.date.precision})` : ""}`],
      ["Place", [placeLabel(location), countryName(location.country_code)].filter(Boolean).join(", ")],
      ["Killed", fatalitiesLabel(event.fatalities) || "not reported"],
      ["Injured", fatalitiesLabel(event.injuries) || "not reported"],
      ["ACLED", event.acled ? [event.acled.event_type, event.acled.sub_event_type].filter(Boolean).join(" / ") : ""],
      ["Weapons", (event.weapons || []).join(", ")],
      ["Confidence", event.confidence === undefined || event.confidence === null ? "" : Number(event.confidence).toFixed(2)],
      ["Id", event.id],
    ].filter(([, value]) => value);
    return h("dl", { class: "facts" }, rows.map(([term, value]) => [h("dt", { text: term }), h("dd", { text: value })]));
  }

  actors(actors) {
    if (!actors.length) return null;
    return h(
      "section",
      { class: "actors", "aria-labelledby": "actors-heading" },
      h("h3", { id: "actors-heading", text: "Actors" }),
      h(
        "ul",
        {},
        actors.map((actor) =>
          h(
            "li",
            {},
            h("span", { class: "role", text: actor.role }),
            " ",
            h("strong", { text: actor.name }),
            actor.status ? h("span", { class: `status status-${actor.status}`, text: actor.status }) : null,
            actor.according_to ? h("span", { class: "speaker", text: ` according to ${actor.according_to}` }) : null,
          ),
        ),
      ),
    );
  }

  claimList(claims) {
    const items = claims.map((claim, index) =>
      h(
        "li",
        { class: "claim-item", dataset: { claim: String(index) } },
        h("strong", { class: "figure", text: claimSentence(claim) }),
        " ",
        claim.according_to
          ? h("span", { class: "speaker" }, "according to ", h("span", { class: "speaker-name", text: claim.according_to }))
          : h("span", { class: "speaker unnamed", text: "no speaker named" }),
        claim.text ? h("q", { class: "claim-text", text: claim.text }) : null,
        h("button", {
          type: "button",
          class: "show-claim",
          text: "Show in article",
          "aria-label": `Show "${claim.text || claimSentence(claim)}" in the article`,
          on: { click: () => this.reveal(index) },
        }),
      ),
    );
    return h(
      "section",
      { class: "claims", "aria-labelledby": "claims-heading" },
      h("h3", { id: "claims-heading", text: `Claims (${claims.length})` }),
      claims.length ? h("ol", {}, items) : h("p", { class: "empty", text: "No figures were reported." }),
    );
  }

  sources(detail, claims, articles) {
    const ids = [];
    const add = (id) => id && !ids.includes(id) && ids.push(id);
    (detail.reports || []).forEach((report) => add(report.article_id));
    claims.forEach((claim) => add(claim.article_id));
    (detail.event.evidence || []).forEach((evidence) => add(evidence.article_id));
    const reports = new Map((detail.reports || []).map((report) => [report.article_id, report]));
    return h(
      "section",
      { class: "sources", "aria-labelledby": "sources-heading" },
      h("h3", { id: "sources-heading", text: `Sources (${ids.length})` }),
      ids.map((id) => this.article(id, articles.get(id), reports.get(id) || {}, detail.event, claims)),
    );
  }

  article(id, article, report, event, claims) {
    const meta = { ...report, ...(article || {}) };
    // Evidence from the headline has offsets into the title, not the text: mark the headline itself.
    const told = (event.evidence || []).some((evidence) => evidence.article_id === id && evidence.part === "title");
    const header = h(
      "header",
      {},
      h("h4", { class: told ? "evidence" : undefined, title: told ? "The headline tells this event" : undefined, text: meta.title || id }),
      h("p", { class: "meta" }, [meta.outlet, meta.published].filter(Boolean).join(" · "), meta.url ? " · " : "", meta.url ? safeLink(meta.url) : null),
    );
    if (!article || typeof article.text !== "string") {
      return h("article", { class: "source" }, header, h("p", { class: "empty", text: "The article's text could not be loaded." }));
    }
    const ranges = [];
    claims.forEach((claim, index) => {
      if (claim.article_id === id && Number.isInteger(claim.span_start) && Number.isInteger(claim.span_end)) {
        ranges.push({ kind: "claim", id: index, start: claim.span_start, end: claim.span_end, text: claim.text, label: `${claimSentence(claim)}${claim.according_to ? `, according to ${claim.according_to}` : ""}` });
      }
    });
    (event.evidence || []).forEach((evidence, index) => {
      if (evidence.article_id === id && evidence.part !== "title" && Number.isInteger(evidence.start) && Number.isInteger(evidence.end)) {
        ranges.push({ kind: "evidence", id: index, start: evidence.start, end: evidence.end, text: evidence.sentence });
      }
    });
    const { fragment } = renderHighlighted(article.text, ranges);
    const text = h("div", { class: "article-text", dataset: { articleId: id } });
    text.append(fragment);
    return h("article", { class: "source", dataset: { articleId: id } }, header, text);
  }

  /** Scroll the claim's first mark into view and focus it, so keyboard users land on it too. */
  reveal(index) {
    const mark = this.container.querySelector(`mark[data-claims~="${index}"]`);
    if (!mark) return;
    for (const old of this.container.querySelectorAll("mark.current")) old.classList.remove("current");
    for (const part of this.container.querySelectorAll(`mark[data-claims~="${index}"]`)) part.classList.add("current");
    mark.setAttribute("tabindex", "-1");
    mark.scrollIntoView({ block: "center" });
    mark.focus({ preventScroll: true });
  }
}
