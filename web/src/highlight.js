// Claim and evidence highlighting over an article's plain text. The API gives offsets as Python
// counts them (code points); JavaScript strings index UTF-16 units, so a text with characters
// beyond the BMP (emoji, some scripts) would shift every highlight after them without the mapping.

import { h } from "./dom.js";

/**
 * @typedef {{start: number, end: number, kind: "claim"|"evidence", id: number, label?: string, text?: string}} Range
 * @typedef {{start: number, end: number, claims: number[], evidence: boolean}} Segment
 */

/** Code-point offsets -> UTF-16 offsets for `text` (identity when the text has no surrogates). */
export function codePointIndexer(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const units = [0];
  let position = 0;
  for (const char of text) {
    position += char.length;
    units.push(position);
  }
  return (offset) => units[Math.max(0, Math.min(offset, units.length - 1))];
}

/**
 * Place a range on `text`: its offsets if they hold its text, else the occurrence of its text
 * nearest to them (offsets from an older cleaning of the article), else null (not shown).
 * @param {string} text
 * @param {Range} range  offsets in code points
 * @param {(n: number) => number} toUnits
 * @returns {Range|null} offsets in UTF-16 units
 */
export function locate(text, range, toUnits) {
  const start = toUnits(range.start);
  const end = toUnits(range.end);
  if (!(start < end) || end > text.length) {
    return range.text ? nearest(text, range, start) : null;
  }
  if (!range.text || text.slice(start, end) === range.text) return { ...range, start, end };
  return nearest(text, range, start);
}

function nearest(text, range, around) {
  if (!range.text) return null;
  let best = -1;
  for (let at = text.indexOf(range.text); at !== -1; at = text.indexOf(range.text, at + 1)) {
    if (best === -1 || Math.abs(at - around) < Math.abs(best - around)) best = at;
  }
  return best === -1 ? null : { ...range, start: best, end: best + range.text.length };
}

/**
 * Cut `text` into segments at every range boundary; each segment knows which claims and whether
 * an evidence sentence cover it. Overlapping and nested ranges are both fine.
 * @param {number} length
 * @param {Range[]} ranges  already located (UTF-16 offsets)
 * @returns {Segment[]}
 */
export function segments(length, ranges) {
  const cuts = new Set([0, length]);
  for (const range of ranges) {
    cuts.add(Math.max(0, Math.min(length, range.start)));
    cuts.add(Math.max(0, Math.min(length, range.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    const covering = ranges.filter((range) => range.start <= start && range.end >= end);
    result.push({
      start,
      end,
      claims: covering.filter((range) => range.kind === "claim").map((range) => range.id),
      evidence: covering.some((range) => range.kind === "evidence"),
    });
  }
  return result;
}

/**
 * The article text as DOM: text nodes, `<mark>` around claims, `<span class="evidence">` around
 * the event's evidence sentences. Only text nodes carry the article's characters.
 * @param {string} text
 * @param {Range[]} ranges  in code points, as the API gives them
 * @returns {{fragment: DocumentFragment, placed: Set<number>}} placed: ids of the claims shown
 */
export function renderHighlighted(text, ranges) {
  const toUnits = codePointIndexer(text);
  const located = ranges.map((range) => locate(text, range, toUnits)).filter((range) => range !== null);
  const labels = new Map(located.filter((r) => r.kind === "claim").map((r) => [r.id, r.label || ""]));
  const fragment = document.createDocumentFragment();
  let sentence = null;
  for (const segment of segments(text.length, located)) {
    const piece = document.createTextNode(text.slice(segment.start, segment.end));
    let node = piece;
    if (segment.claims.length) {
      node = h("mark", {
        class: "claim",
        dataset: { claims: segment.claims.join(" ") },
        title: segment.claims.map((id) => labels.get(id)).filter(Boolean).join("; ") || null,
      });
      node.append(piece);
    }
    if (segment.evidence) {
      // consecutive segments of one sentence share a span, so the sentence reads as one block
      if (!sentence) {
        sentence = h("span", { class: "evidence" });
        fragment.append(sentence);
      }
      sentence.append(node);
    } else {
      sentence = null;
      fragment.append(node);
    }
  }
  return { fragment, placed: new Set(located.filter((r) => r.kind === "claim").map((r) => r.id)) };
}
