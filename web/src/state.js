// The page's state lives in the URL fragment (#country=YE&type=ASSAULT&event=ev-...), so every
// view is a link an analyst can share, and Back undoes a filter.

export const FILTER_KEYS = ["country", "type", "since", "until", "text", "min_fatalities", "actor"];
const OTHER_KEYS = ["sort", "offset", "event"];

/** @returns {Record<string, string>} the state in `hash` (missing keys left out) */
export function parseHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const state = {};
  for (const key of [...FILTER_KEYS, ...OTHER_KEYS]) {
    const value = params.get(key);
    if (value !== null && value !== "") state[key] = value;
  }
  return state;
}

export function formatHash(state) {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, ...OTHER_KEYS]) {
    if (state[key] !== undefined && state[key] !== null && state[key] !== "") params.set(key, String(state[key]));
  }
  const text = params.toString();
  return text ? `#${text}` : "";
}

/** The filters of `state` as API query parameters; `without` leaves some out (the timeline's dates). */
export function filterParams(state, without = []) {
  const params = {};
  for (const key of FILTER_KEYS) {
    if (!without.includes(key) && state[key]) params[key] = state[key];
  }
  return params;
}
