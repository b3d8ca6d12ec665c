// Build the page into src/eventwire/serve/static/: index.html, app.js, app.css (Leaflet's images
// beside it) and world.json (the world outline), all from npm packages, so the served page needs
// no network. Run: `npm run build` (the Makefile's `web` target runs `npm ci` first).

import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventwire", "serve", "static");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: { app: join(here, "src", "main.js") },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["chrome109", "firefox115", "safari16"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "images/[name]-[hash]",
  // Leaflet's BSD and the plugins' MIT notices ship beside the bundle.
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});

copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
// Natural Earth 1:50m countries (public domain) as TopoJSON from world-atlas (ISC): detailed
// enough to read a province, small enough (0.7 MB) to load at once.
copyFileSync(join(here, "node_modules", "world-atlas", "countries-50m.json"), join(out, "world.json"));

// Every bundled package's licence, as their terms ask of copies (minifying drops most headers).
const licences = [
  ["leaflet", "LICENSE"],
  ["leaflet.markercluster", "MIT-LICENCE.txt"],
  ["topojson-client", "LICENSE"],
  ["world-atlas", "LICENSE"],
].map(([name, file]) => {
  const { version } = JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8"));
  return `${name} ${version}\n\n${readFileSync(join(here, "node_modules", name, file), "utf8").trim()}\n`;
});
writeFileSync(
  join(out, "THIRD-PARTY-LICENSES.txt"),
  `The page bundles these npm packages. The world outline is Natural Earth data (public domain).\n\n${licences.join("\n---\n\n")}`,
);

const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => !file.endsWith(".map"))
  .map(([file, info]) => `${file.split("/static/")[1]} ${(info.bytes / 1024).toFixed(0)} KiB`);
console.log(`eventwire page built in ${out}:\n  ${sizes.join("\n  ")}\n  index.html, world.json, THIRD-PARTY-LICENSES.txt`);
