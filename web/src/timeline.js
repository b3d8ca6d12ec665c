// The timeline: counts per day, week or month (whichever keeps about 250 bars or fewer) drawn as
// SVG, with a brush: drag across it to keep the events of those dates. It shows every date the
// other filters allow, so the brushed range stays visible in its context.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const MARGIN = { left: 34, right: 10, top: 8, bottom: 20 };

function svg(tag, attrs = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, String(value));
  return element;
}

const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (time) => new Date(time).toISOString().slice(0, 10);

/** The bin a day falls in, as [start, end) times; units: day, week (Monday first), month. */
export function binOf(time, unit) {
  const date = new Date(time);
  if (unit === "day") return [time, time + DAY];
  if (unit === "week") {
    const start = time - ((date.getUTCDay() + 6) % 7) * DAY;
    return [start, start + 7 * DAY];
  }
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return [start, Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)];
}

export function chooseUnit(firstTime, lastTime) {
  const days = (lastTime - firstTime) / DAY + 1;
  if (days <= 250) return "day";
  if (days <= 250 * 7) return "week";
  return "month";
}

/** Sum `by_day` ([{date, count}]) into bins: [{start, end, count}] sorted, empty bins left out. */
export function binCounts(byDay, unit) {
  const bins = new Map();
  for (const { date, count } of byDay) {
    const time = toTime(date);
    if (!Number.isFinite(time)) continue;
    const [start, end] = binOf(time, unit);
    const bin = bins.get(start) || { start, end, count: 0 };
    bin.count += count;
    bins.set(start, bin);
  }
  return [...bins.values()].sort((a, b) => a.start - b.start);
}

export class Timeline {
  /**
   * @param {SVGSVGElement} element
   * @param {{onBrush: (since: string, until: string) => void, onClear: () => void}} handlers
   */
  constructor(element, handlers) {
    this.element = element;
    this.handlers = handlers;
    this.byDay = [];
    this.range = { since: null, until: null };
    this.drag = null;
    element.addEventListener("pointerdown", (event) => this.start(event));
    element.addEventListener("pointermove", (event) => this.move(event));
    element.addEventListener("pointerup", (event) => this.end(event));
    element.addEventListener("pointercancel", () => this.cancel());
    new ResizeObserver(() => this.draw()).observe(element);
  }

  set(byDay, since, until) {
    this.byDay = byDay || [];
    this.range = { since: since || null, until: until || null };
    this.draw();
  }

  get width() {
    return this.element.clientWidth || 600;
  }

  get height() {
    return this.element.clientHeight || 120;
  }

  draw() {
    const { element } = this;
    element.replaceChildren();
    element.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    const times = this.byDay.map((day) => toTime(day.date)).filter(Number.isFinite);
    if (!times.length) {
      this.scale = null;
      const note = svg("text", { x: this.width / 2, y: this.height / 2, "text-anchor": "middle", class: "empty" });
      note.textContent = "No dated events";
      element.append(note);
      return;
    }
    this.unit = chooseUnit(Math.min(...times), Math.max(...times));
    const bins = binCounts(this.byDay, this.unit);
    // A few bars would each fill the width: keep at least a month (or a year) in view around them.
    const minimumSpan = { day: 31, week: 26 * 7, month: 366 }[this.unit] * DAY;
    const pad = Math.max(0, minimumSpan - (bins[bins.length - 1].end - bins[0].start)) / 2;
    const t0 = bins[0].start - pad;
    const t1 = bins[bins.length - 1].end + pad;
    const inner = { x: MARGIN.left, y: MARGIN.top, w: this.width - MARGIN.left - MARGIN.right, h: this.height - MARGIN.top - MARGIN.bottom };
    const max = Math.max(...bins.map((bin) => bin.count));
    const x = (time) => inner.x + ((time - t0) / (t1 - t0)) * inner.w;
    this.scale = { t0, t1, inner, x, time: (px) => t0 + ((px - inner.x) / inner.w) * (t1 - t0) };

    element.append(svg("line", { x1: inner.x, x2: inner.x + inner.w, y1: inner.y + inner.h, y2: inner.y + inner.h, class: "axis" }));
    const maxLabel = svg("text", { x: inner.x - 4, y: inner.y + 8, "text-anchor": "end", class: "tick" });
    maxLabel.textContent = String(max);
    element.append(maxLabel);
    for (const tick of ticks(t0, t1, inner.w)) {
      const label = svg("text", { x: x(tick.time), y: inner.y + inner.h + 14, "text-anchor": "middle", class: "tick" });
      label.textContent = tick.label;
      element.append(label, svg("line", { x1: x(tick.time), x2: x(tick.time), y1: inner.y + inner.h, y2: inner.y + inner.h + 3, class: "axis" }));
    }
    const since = this.range.since ? toTime(this.range.since) : null;
    const until = this.range.until ? toTime(this.range.until) + DAY : null;
    for (const bin of bins) {
      const barHeight = Math.max(1, (bin.count / max) * inner.h);
      const inRange = (since === null || bin.end > since) && (until === null || bin.start < until);
      const bar = svg("rect", {
        x: x(bin.start),
        y: inner.y + inner.h - barHeight,
        width: Math.max(2, x(bin.end) - x(bin.start) - 1),
        height: barHeight,
        class: inRange ? "bar" : "bar outside",
      });
      const title = svg("title");
      title.textContent = `${toIso(bin.start)}${this.unit === "day" ? "" : ` – ${toIso(bin.end - DAY)}`}: ${bin.count} event${bin.count === 1 ? "" : "s"}`;
      bar.append(title);
      element.append(bar);
    }
    if (since !== null || until !== null) {
      const left = since === null ? inner.x : Math.max(inner.x, x(since));
      const right = until === null ? inner.x + inner.w : Math.min(inner.x + inner.w, x(until));
      element.append(svg("rect", { x: left, y: inner.y, width: Math.max(1, right - left), height: inner.h, class: "brush" }));
    }
    this.selection = svg("rect", { x: 0, y: inner.y, width: 0, height: inner.h, class: "brush dragging", visibility: "hidden" });
    element.append(this.selection);
  }

  pointerX(event) {
    const box = this.element.getBoundingClientRect();
    return ((event.clientX - box.left) / box.width) * this.width;
  }

  start(event) {
    if (!this.scale || event.button !== 0) return;
    this.element.setPointerCapture(event.pointerId);
    this.drag = { from: this.pointerX(event), to: this.pointerX(event) };
    this.showSelection();
  }

  move(event) {
    if (!this.drag) return;
    this.drag.to = this.pointerX(event);
    this.showSelection();
  }

  showSelection() {
    const { inner } = this.scale;
    const clamp = (px) => Math.max(inner.x, Math.min(inner.x + inner.w, px));
    const left = clamp(Math.min(this.drag.from, this.drag.to));
    const right = clamp(Math.max(this.drag.from, this.drag.to));
    this.selection.setAttribute("x", String(left));
    this.selection.setAttribute("width", String(right - left));
    this.selection.setAttribute("visibility", "visible");
  }

  end(event) {
    if (!this.drag) return;
    this.drag.to = this.pointerX(event);
    const { from, to } = this.drag;
    this.drag = null;
    // A click (no drag) clears the brush; a drag keeps whole bins, so the range matches the bars.
    if (Math.abs(to - from) < 3) {
      if (this.range.since || this.range.until) this.handlers.onClear();
      this.draw();
      return;
    }
    const { t0, t1, time } = this.scale;
    const clampTime = (value) => Math.max(t0, Math.min(t1 - 1, value));
    const first = binOf(clampTime(time(Math.min(from, to))), this.unit)[0];
    const last = binOf(clampTime(time(Math.max(from, to))), this.unit)[1] - DAY;
    this.handlers.onBrush(toIso(first), toIso(last));
  }

  cancel() {
    this.drag = null;
    this.draw();
  }
}

/** Axis labels: years, or months when the span is short, thinned to fit about one per 70 px. */
function ticks(t0, t1, width) {
  const spanDays = (t1 - t0) / DAY;
  const result = [];
  const first = new Date(t0);
  if (spanDays > 700) {
    for (let year = first.getUTCFullYear() + 1; Date.UTC(year, 0, 1) < t1; year += 1) {
      result.push({ time: Date.UTC(year, 0, 1), label: String(year) });
    }
  } else {
    for (let m = first.getUTCMonth() + 1, y = first.getUTCFullYear(); Date.UTC(y, m, 1) < t1; m += 1) {
      const time = Date.UTC(y, m, 1);
      result.push({ time, label: new Date(time).toLocaleString("en", { month: "short", year: "2-digit", timeZone: "UTC" }) });
    }
  }
  const keepEvery = Math.max(1, Math.ceil((result.length * 70) / Math.max(width, 1)));
  return result.filter((_, i) => i % keepEvery === 0);
}
