// Every element of the page is built here, and data only ever becomes text: `h` sets textContent,
// never innerHTML, so an article holding `<script>` or `<img onerror>` stays inert text.

/**
 * Create an element. `attrs` keys: `class`, `text`, `dataset` (object), `on` (event -> handler),
 * `style` (object of CSS properties, set through the CSSOM so the page's CSP needs no inline
 * styles), anything else as an attribute (false/null/undefined leave it out).
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|undefined|false)} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "text") element.textContent = String(value);
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key === "style") for (const [name, v] of Object.entries(value)) element.style.setProperty(name, v);
    else if (key === "on") for (const [name, handler] of Object.entries(value)) element.addEventListener(name, handler);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

/** Append children, strings as text nodes. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return parent;
}

/** Replace all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A link only for http(s) URLs: a stored `javascript:` URL must never become clickable code. */
export function safeLink(url, label) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    return h("span", { class: "url", text: label || url || "" });
  }
  return h("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank", text: label || parsed.href });
}
