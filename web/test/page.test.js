// The pure parts of the page, run with `node --test` (tests/test_serve_page_js.py runs them too).

import assert from "node:assert/strict";
import { test } from "node:test";

import { drawablePolygons, splitLine } from "../src/antimeridian.js";
import { codePointIndexer, locate, segments } from "../src/highlight.js";
import { formatHash, filterParams, parseHash } from "../src/state.js";
import { binCounts, chooseUnit } from "../src/timeline.js";

test("offsets in code points map to UTF-16 units after an emoji", () => {
  const text = "🔥 Gunmen killed five";
  const toUnits = codePointIndexer(text);
  const start = [...text].indexOf("k");
  assert.equal(text.slice(toUnits(start), toUnits(start + 6)), "killed");
});

test("offsets are used as given when the text has no surrogate pairs", () => {
  const toUnits = codePointIndexer("plain text");
  assert.equal(toUnits(7), 7);
});

test("a claim whose offsets hold its text is placed there", () => {
  const text = "Five were killed, police said. Five were killed again.";
  const placed = locate(text, { kind: "claim", id: 0, start: 31, end: 35, text: "Five" }, (n) => n);
  assert.deepEqual([placed.start, placed.end], [31, 35]);
});

test("a claim whose offsets drifted is placed on the nearest occurrence of its text", () => {
  const text = "Five were killed, police said. Five were killed again.";
  const placed = locate(text, { kind: "claim", id: 0, start: 33, end: 37, text: "Five" }, (n) => n);
  assert.deepEqual([placed.start, placed.end], [31, 35]);
});

test("a claim whose text is nowhere in the article is not placed", () => {
  assert.equal(locate("nothing here", { kind: "claim", id: 0, start: 0, end: 4, text: "Five" }, (n) => n), null);
});

test("segments split at every boundary and know what covers them", () => {
  const ranges = [
    { kind: "evidence", id: 0, start: 0, end: 20 },
    { kind: "claim", id: 1, start: 5, end: 10 },
    { kind: "claim", id: 2, start: 8, end: 25 },
  ];
  const parts = segments(30, ranges).map((s) => [s.start, s.end, s.claims.join("+"), s.evidence]);
  assert.deepEqual(parts, [
    [0, 5, "", true],
    [5, 8, "1", true],
    [8, 10, "1+2", true],
    [10, 20, "2", true],
    [20, 25, "2", false],
    [25, 30, "", false],
  ]);
});

test("the fragment round-trips the state and drops empty values", () => {
  const state = { country: "YE", type: "ASSAULT,PROTEST", since: "2024-03-01", event: "ev-1", text: "" };
  const hash = formatHash(state);
  assert.equal(hash, "#country=YE&type=ASSAULT%2CPROTEST&since=2024-03-01&event=ev-1");
  assert.deepEqual(parseHash(hash), { country: "YE", type: "ASSAULT,PROTEST", since: "2024-03-01", event: "ev-1" });
  assert.deepEqual(filterParams(parseHash(hash), ["since"]), { country: "YE", type: "ASSAULT,PROTEST" });
});

test("the timeline bins by day, week or month to keep the bars countable", () => {
  const day = (iso) => Date.parse(`${iso}T00:00:00Z`);
  assert.equal(chooseUnit(day("2024-01-01"), day("2024-03-01")), "day");
  assert.equal(chooseUnit(day("2020-01-01"), day("2024-03-01")), "week");
  assert.equal(chooseUnit(day("2006-01-01"), day("2025-01-20")), "month");
  const bins = binCounts(
    [
      { date: "2024-03-04", count: 2 },
      { date: "2024-03-10", count: 1 },
      { date: "2024-03-11", count: 4 },
    ],
    "week",
  );
  assert.deepEqual(
    bins.map((bin) => [new Date(bin.start).toISOString().slice(0, 10), bin.count]),
    [
      ["2024-03-04", 3],
      ["2024-03-11", 4],
    ],
  );
});

test("a ring across the antimeridian becomes continuous and is drawn again a world away", () => {
  const ring = [
    [179, 65],
    [-179, 65],
    [-179, 66],
    [179, 66],
    [179, 65],
  ];
  const [main, copy] = drawablePolygons([ring]);
  assert.deepEqual(main[0].map(([lon]) => lon), [179, 181, 181, 179, 179]);
  assert.deepEqual(copy[0].map(([lon]) => lon), [-181, -179, -179, -181, -181]);
});

test("a polygon that stays on one side, and the edge along the pole, are left as they are", () => {
  const island = [[[10, 10], [11, 10], [11, 11], [10, 10]]];
  assert.deepEqual(drawablePolygons(island), [island]);
  const antarctica = [[[-180, -80], [0, -70], [180, -80], [180, -89.999], [-180, -89.999], [-180, -80]]];
  assert.deepEqual(drawablePolygons(antarctica), [antarctica]);
});

test("a line across the antimeridian is cut in two", () => {
  assert.deepEqual(splitLine([[170, 1], [179, 2], [-179, 3], [-170, 4]]), [
    [[170, 1], [179, 2]],
    [[-179, 3], [-170, 4]],
  ]);
});
