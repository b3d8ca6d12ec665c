// PLOVER's 16 event types (DESIGN.md), each with a colour. Colours run from cooperation (blues and
// greens) to material conflict (oranges and reds) so a map of violence reads at a glance.

export const TYPE_COLOURS = {
  AGREE: "#1f77b4",
  CONSULT: "#4a9bd6",
  SUPPORT: "#17becf",
  CONCEDE: "#2ca02c",
  COOPERATE: "#7fbf3f",
  AID: "#9467bd",
  RETREAT: "#8c8c8c",
  REQUEST: "#bcbd22",
  ACCUSE: "#e6a817",
  REJECT: "#b5651d",
  THREATEN: "#ff7f0e",
  PROTEST: "#e377c2",
  SANCTION: "#8c564b",
  MOBILIZE: "#6b4c9a",
  COERCE: "#d6604d",
  ASSAULT: "#c4161c",
};

export const PLOVER_TYPES = Object.keys(TYPE_COLOURS);

/** Colour of a type; unknown types (an ACLED label, a future type) get a neutral grey. */
export function typeColour(type) {
  return TYPE_COLOURS[String(type || "").toUpperCase()] || "#555555";
}
