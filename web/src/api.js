// The HTTP API (see `eventwire serve`). URLs are relative, so the page also works when a proxy
// serves it under a prefix.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * GET `path` with `params` (arrays repeat the key) and return the parsed JSON; API errors come back
 * as ApiError carrying the server's message, which says what to do.
 */
export async function getJSON(path, params = {}, signal = undefined) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    query.set(key, String(value));
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error && body.error.message ? body.error.message : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body;
}

export const api = {
  summary: (params, signal) => getJSON("api/summary", params, signal),
  geojson: (params, signal) => getJSON("api/events.geojson", params, signal),
  events: (params, signal) => getJSON("api/events", params, signal),
  event: (id, signal) => getJSON(`api/events/${encodeURIComponent(id)}`, {}, signal),
  article: (id, signal) => getJSON(`api/articles/${encodeURIComponent(id)}`, {}, signal),
};
