// How an event's fields read in the table, the popups and the event view.

let regionNames = null;
try {
  // Built into the browser: country names with no data file and no network.
  regionNames = new Intl.DisplayNames(["en"], { type: "region" });
} catch {
  regionNames = null;
}

export function countryName(code) {
  if (!code) return "";
  try {
    return (regionNames && regionNames.of(String(code).toUpperCase())) || String(code);
  } catch {
    return String(code);
  }
}

export function dateLabel(date) {
  if (!date || !date.start) return "undated";
  return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
}

export function placeLabel(location) {
  if (!location) return "";
  const parts = [location.name, location.admin1].filter((part, i, all) => part && all.indexOf(part) === i);
  return parts.join(", ");
}

export function typeLabel(event) {
  return event.mode ? `${event.type}/${event.mode}` : String(event.type || "");
}

/** "source → target", each side's names joined; actors in other roles are left to the event view. */
export function actorsLabel(actors) {
  const names = (role) => (actors || []).filter((actor) => actor.role === role).map((actor) => actor.name);
  const source = names("source").join(", ");
  const target = names("target").join(", ");
  if (source && target) return `${source} → ${target}`;
  return source || (target ? `→ ${target}` : "");
}

export function fatalitiesLabel(fatalities) {
  if (!fatalities || fatalities.best === null || fatalities.best === undefined) return "";
  const { best, low, high } = fatalities;
  const known = (value) => value !== null && value !== undefined;
  // the range only when it brackets `best`; a record whose figures disagree shows `best` alone
  if (known(low) && known(high) && low <= best && best <= high && (low !== best || high !== best)) {
    return `${best} (${low}–${high})`;
  }
  return String(best);
}

export function number(n) {
  return Number(n || 0).toLocaleString("en");
}
