// The settlement gazetteer, three layers:
//
//   data/settlements-ua.json  Ukraine: every settlement of the KATOTTH codifier with its oblast, raion and hromada,
//                             romanised, with Russian spellings and GeoNames / Who's On First coordinates and names
//                             (scripts/build-ua-settlements.ts); a settlement no source places gets its hromada's (else
//                             its raion's) reference point, marked `approximate`
//   data/settlements.json     the Russian regions of the taxonomy, GeoNames-derived (scripts/build-gazetteer.ts)
//   data/gazetteer.json       the curated list, laid over both: a curated entry replaces the settlement it describes
//                             (same region, a shared name, within OVERLAY_KM) and adds the facilities and villages the
//                             sources lack; its spellings are kept alongside theirs.
import { readFileSync } from "node:fs";
import { type Region, regionByCode } from "@frontline/model";
import { z } from "zod";
import gazetteerData from "../../data/gazetteer.json";
import stoplistData from "../../rules/place-stoplist.json";
import {
  IsoRegionCode,
  type SettlementRow,
  SettlementsFile,
  type UaSettlementRow,
  UaSettlementsFile,
} from "./gazetteer-data.ts";
import { nameKey } from "./transliteration.ts";

// The files' heads are checked by zod; their row arrays by hand, below (zod would copy tens of thousands of tuples).
const SettlementsHeader = SettlementsFile.omit({ rows: true });
const UaSettlementsHeader = UaSettlementsFile.omit({ rows: true, raions: true, hromadas: true });

function arrayField(file: unknown, field: string, what: string): unknown[] {
  const value = (file as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(value)) throw new Error(`${what}: ${field} is not an array`);
  return value;
}

// The rows are checked field by field (the full zod schemas run in the settlements tests): a zod pass over tens of
// thousands of tuples would cost more than the rest of the load.
function isSettlementRow(row: unknown[]): boolean {
  const [name, region, admin2, lat, lon, population, featureCode, aliases] = row;
  return (
    row.length === 8 &&
    typeof name === "string" &&
    name !== "" &&
    typeof region === "string" &&
    typeof admin2 === "string" &&
    typeof lat === "number" &&
    Math.abs(lat) <= 90 &&
    typeof lon === "number" &&
    Math.abs(lon) <= 180 &&
    typeof population === "number" &&
    population >= 0 &&
    typeof featureCode === "string" &&
    typeof aliases === "string"
  );
}

const UA_CATEGORIES = new Set(["M", "X", "C", "K", "B", ""]);

function isUaSettlementRow(row: unknown[], raions: number, hromadas: number): boolean {
  const [name, region, raion, hromada, lat, lon, population, featureCode, category, aliases] = row;
  return (
    row.length === 10 &&
    typeof name === "string" &&
    name !== "" &&
    typeof region === "string" &&
    typeof raion === "number" &&
    raion >= -1 &&
    raion < raions &&
    typeof hromada === "number" &&
    hromada >= -1 &&
    hromada < hromadas &&
    ((typeof lat === "number" && Math.abs(lat) <= 90 && typeof lon === "number" && Math.abs(lon) <= 180) ||
      (lat === null && lon === null)) &&
    typeof population === "number" &&
    population >= 0 &&
    typeof featureCode === "string" &&
    typeof category === "string" &&
    UA_CATEGORIES.has(category) &&
    typeof aliases === "string"
  );
}

export const GazetteerEntry = z.object({
  name: z.string().min(1),
  /** ISO 3166-2 code of the first-level region the place lies in. */
  regionCode: IsoRegionCode,
  kind: z.enum(["city", "town", "village", "district", "facility"]),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  aliases: z.array(z.string().min(1)),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

/** A settlement as the matcher sees it: a curated, KATOTTH or GeoNames entry with what disambiguation needs. */
export interface Settlement extends GazetteerEntry {
  country: string;
  population: number;
  /** Raion (district) name, or GeoNames' code where it has no name. */
  admin2?: string;
  /** Hromada (territorial community), for KATOTTH settlements. */
  admin3?: string;
  featureCode?: string;
  /** KATOTTH category: M city, X settlement, C village, K special-status city, B city district. */
  category?: "M" | "X" | "C" | "K" | "B";
  /**
   * Set when no source gives the place's own coordinates: lat/lon are then the reference point of its hromada (its
   * centre, else the middle of its known places), else of its raion, else the region's centre.
   */
  approximate?: "hromada" | "raion" | "region";
  curated: boolean;
}

export const PlaceStoplist = z.object({ description: z.string(), names: z.array(z.string().min(1)) });

export function loadGazetteer(data: unknown): readonly GazetteerEntry[] {
  const parsed = z.array(GazetteerEntry).safeParse(data);
  if (!parsed.success) throw new Error(`gazetteer is invalid: ${z.prettifyError(parsed.error)}`);
  for (const entry of parsed.data) {
    if (!regionByCode(entry.regionCode))
      throw new Error(`gazetteer: ${entry.name} has unknown region ${entry.regionCode}`);
  }
  return parsed.data;
}

export { nameKey };

function kindOf(population: number, featureCode: string): GazetteerEntry["kind"] {
  if (population >= 20_000 || featureCode === "PPLC" || featureCode === "PPLA") return "city";
  return population >= 3_000 ? "town" : "village";
}

function kindOfCategory(category: string, population: number, featureCode: string): GazetteerEntry["kind"] {
  if (category === "B") return "district";
  if (category === "K") return "city";
  const kind = kindOf(population, featureCode);
  return category === "M" && kind === "village" ? "town" : kind;
}

/**
 * The first two characters of a name's folded key (nameKey), worked out by hand for names long enough that the
 * folding's end-anchored rules cannot reach them: a cheap test before folding the tens of thousands of names the overlay
 * and the shadowing below would otherwise fold. Mirrors rules/transliteration.json (apostrophes dropped, w→v, shch→sch,
 * g→h, y/j→i, runs of i as one, ie→e after a, o, u; ё→е in Cyrillic); a short, mixed or accented first word is folded; settlements-ua.test.ts checks it against nameKey
 * for every name of the gazetteer.
 */
export function keyPrefix(name: string, keyOf: (name: string) => string = nameKey): string {
  const lower = (FIRST_WORD.exec(name)?.[0] ?? "").toLowerCase();
  if (lower.length <= 7) return keyOf(name).slice(0, 2);
  if (ALL_CYRILLIC.test(lower))
    return lower
      .replace(/['’ʼ`]/g, "")
      .replace(/ё/g, "е")
      .slice(0, 2);
  if (!ALL_LATIN.test(lower)) return keyOf(name).slice(0, 2);
  let out = "";
  let previous = "";
  for (let i = 0; i < lower.length && out.length < 2; i++) {
    let c = lower.charAt(i);
    if (APOSTROPHES.includes(c)) continue;
    if (c < "a" || c > "z") return keyOf(name).slice(0, 2);
    if (c === "w") c = "v";
    else if (c === "y" || c === "j") c = "i";
    else if (c === "g" && previous !== "k") c = "h";
    else if (c === "h" && previous === "s" && lower.startsWith("ch", i + 1)) c = "c";
    previous = lower.charAt(i);
    if (c === "i" && out.endsWith("i")) continue;
    if (c === "i" && /^[aou]$/.test(out) && /^[yj]?e/.test(lower.slice(i + 1).replace(/^i+/, ""))) continue;
    out += c;
  }
  return out;
}
const APOSTROPHES = "'’ʼ`\"”";
const FIRST_WORD = /^[^\s.,;:()/]+/u;
const ALL_CYRILLIC = /^[\u0400-\u04ff'’ʼ`-]+$/u;
const ALL_LATIN = /^[a-z'’ʼ`-]+$/;

const OVERLAY_KM = 15;
const APPROXIMATE_OVERLAY_KM = 30;

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return 6371 * Math.hypot(x, (b.lat - a.lat) * rad);
}

function fromGeoNamesRows(settlementsFile: unknown): Settlement[] {
  SettlementsHeader.parse(settlementsFile);
  const rows = arrayField(settlementsFile, "rows", "settlements");
  for (const row of rows) {
    if (!Array.isArray(row) || !isSettlementRow(row))
      throw new Error(`settlements: malformed row ${JSON.stringify(row)}`);
  }
  const out: Settlement[] = [];
  for (const [name, regionCode, admin2, lat, lon, population, featureCode, aliases] of rows as SettlementRow[]) {
    const region = regionByCode(regionCode);
    if (!region) throw new Error(`settlements: ${name} has unknown region ${regionCode}`);
    out.push(
      settlement({
        name,
        regionCode,
        kind: kindOf(population, featureCode),
        lat,
        lon,
        aliases: aliases === "" ? [] : aliases.split("|"),
        country: region.country,
        population,
        admin2: admin2 || undefined,
        featureCode: featureCode || undefined,
      }),
    );
  }
  return out;
}

type AdminPoint = [name: string, lat: number | null, lon: number | null];

function isAdminPoint(unit: unknown): unit is AdminPoint {
  if (!Array.isArray(unit) || unit.length !== 3) return false;
  const [name, lat, lon] = unit;
  return (
    typeof name === "string" &&
    name !== "" &&
    ((typeof lat === "number" && Math.abs(lat) <= 90 && typeof lon === "number" && Math.abs(lon) <= 180) ||
      (lat === null && lon === null))
  );
}

function adminPoints(units: unknown[], what: string): AdminPoint[] {
  for (const unit of units)
    if (!isAdminPoint(unit)) throw new Error(`settlements-ua: malformed ${what} ${JSON.stringify(unit)}`);
  return units as AdminPoint[];
}

function fromUaRows(uaFile: unknown): Settlement[] {
  UaSettlementsHeader.parse(uaFile);
  const raions = adminPoints(arrayField(uaFile, "raions", "settlements-ua"), "raion");
  const hromadas = adminPoints(arrayField(uaFile, "hromadas", "settlements-ua"), "hromada");
  const rows = arrayField(uaFile, "rows", "settlements-ua");
  for (const row of rows) {
    if (!Array.isArray(row) || !isUaSettlementRow(row, raions.length, hromadas.length))
      throw new Error(`settlements-ua: malformed row ${JSON.stringify(row)}`);
  }
  const out: Settlement[] = [];
  let region: Region | undefined;
  for (const row of rows as UaSettlementRow[]) {
    const [name, regionCode, raionIndex, hromadaIndex, lat, lon, population, featureCode, category, aliases] = row;
    // Rows come oblast by oblast: the region is looked up when it changes.
    if (region?.code !== regionCode) region = regionByCode(regionCode);
    if (!region) throw new Error(`settlements-ua: ${name} has unknown region ${regionCode}`);
    const raion = raions[raionIndex];
    const hromada = hromadas[hromadaIndex];
    let approximate: Settlement["approximate"];
    let at: [number | null, number | null] = [lat, lon];
    if (lat === null || lon === null) {
      if (hromada && hromada[1] !== null) [approximate, at] = ["hromada", [hromada[1], hromada[2]]];
      else if (raion && raion[1] !== null) [approximate, at] = ["raion", [raion[1], raion[2]]];
      else [approximate, at] = ["region", [region.lat, region.lon]];
    }
    out.push({
      name,
      regionCode,
      kind: kindOfCategory(category, population, featureCode),
      lat: at[0]!,
      lon: at[1]!,
      aliases: aliases === "" ? [] : aliases.split("|"),
      country: region.country,
      population,
      admin2: raion?.[0],
      admin3: hromada?.[0],
      featureCode: featureCode || undefined,
      category: category || undefined,
      approximate,
      curated: false,
    });
  }
  return out;
}

/** A non-curated settlement, every field present in one order: objects of one shape are read fastest. */
function settlement(s: Omit<Settlement, "curated">): Settlement {
  return {
    name: s.name,
    regionCode: s.regionCode,
    kind: s.kind,
    lat: s.lat,
    lon: s.lon,
    aliases: s.aliases,
    country: s.country,
    population: s.population,
    admin2: s.admin2,
    admin3: s.admin3,
    featureCode: s.featureCode,
    category: s.category,
    approximate: s.approximate,
    curated: false,
  };
}

export function buildSettlements(
  settlementsFile: unknown,
  curatedData: unknown,
  uaSettlementsFile?: unknown,
): readonly Settlement[] {
  const curated = loadGazetteer(curatedData);
  const fromGeoNames: Settlement[] = [
    ...(uaSettlementsFile === undefined ? [] : fromUaRows(uaSettlementsFile)),
    ...fromGeoNamesRows(settlementsFile),
  ];
  const byRegion = new Map<string, Settlement[]>();
  for (const s of fromGeoNames) {
    const list = byRegion.get(s.regionCode);
    if (list) list.push(s);
    else byRegion.set(s.regionCode, [s]);
  }
  const replaced = new Set<Settlement>();
  const out: Settlement[] = [];
  // Names repeat (a hundred Novoselivkas, their Cyrillic and Russian forms): each is folded once.
  const keys = new Map<string, string>();
  const keyOf = (name: string) => {
    let key = keys.get(name);
    if (key === undefined) {
      key = nameKey(name);
      keys.set(name, key);
    }
    return key;
  };
  for (const c of curated) {
    // Distance first, then the initial: only the few entries near a curated one, starting alike, are folded.
    const curatedKeys = new Set([c.name, ...c.aliases].map(nameKey));
    const prefixes = new Set([...curatedKeys].map((k) => k.slice(0, 2)));
    const shares = (n: string) => prefixes.has(keyPrefix(n, keyOf)) && curatedKeys.has(keyOf(n));
    const twins = new Set<Settlement>();
    for (const s of byRegion.get(c.regionCode) ?? []) {
      // A settlement placed at its hromada's reference point may lie that much farther.
      if (km(s, c) > (s.approximate ? APPROXIMATE_OVERLAY_KM : OVERLAY_KM) || replaced.has(s)) continue;
      if (shares(s.name) || s.aliases.some(shares)) twins.add(s);
    }
    const aliases = new Set(c.aliases);
    let population = 0;
    let admin2: string | undefined;
    let admin3: string | undefined;
    let featureCode: string | undefined;
    let category: Settlement["category"];
    for (const t of twins) {
      replaced.add(t);
      aliases.add(t.name);
      for (const a of t.aliases) aliases.add(a);
      population = Math.max(population, t.population);
      admin2 ??= t.admin2;
      admin3 ??= t.admin3;
      featureCode ??= t.featureCode;
      category ??= t.category;
    }
    aliases.delete(c.name);
    out.push({
      ...c,
      aliases: [...aliases],
      country: regionByCode(c.regionCode)!.country,
      population,
      ...(admin2 ? { admin2 } : {}),
      ...(admin3 ? { admin3 } : {}),
      ...(featureCode ? { featureCode } : {}),
      ...(category ? { category } : {}),
      curated: true,
    });
  }
  const shadowed = shadowedByCurated(fromGeoNames, curated, keyOf);
  for (const s of fromGeoNames) if (!replaced.has(s) && !shadowed.has(s)) out.push(s);
  return out;
}

/**
 * Settlements known from the codifier alone (no GeoNames record) that carry a name a curated entry of another
 * region carries. The curated list names the places the news means by those names ("Zorya" is the Donetsk village,
 * not one of the twenty other Zorias); before the codifier layer no other candidate existed. Left out.
 */
function shadowedByCurated(
  settlements: readonly Settlement[],
  curated: readonly GazetteerEntry[],
  keyOf: (name: string) => string,
): Set<Settlement> {
  const regionsByKey = new Map<string, Set<string>>();
  for (const c of curated) {
    for (const n of [c.name, ...c.aliases]) {
      const key = keyOf(n);
      const regions = regionsByKey.get(key);
      if (regions) regions.add(c.regionCode);
      else regionsByKey.set(key, new Set([c.regionCode]));
    }
  }
  const prefixes = new Set([...regionsByKey.keys()].map((k) => k.slice(0, 2)));
  const out = new Set<Settlement>();
  for (const s of settlements) {
    if (s.category === undefined || s.featureCode !== undefined) continue;
    // The name, romanised from the Ukrainian one, stands for it: the Ukrainian and Russian forms share its fate.
    if (!prefixes.has(keyPrefix(s.name, keyOf))) continue;
    const regions = regionsByKey.get(keyOf(s.name));
    if (regions && !regions.has(s.regionCode)) out.add(s);
  }
  return out;
}

// Read and parsed as JSON rather than imported: imported, the ~1 MB file became a JavaScript module that tsx had to
// transform, slowing every start-up it had not cached. Read once, at load; enrichArticle never touches the disk.
const readData = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../data/${file}`, import.meta.url), "utf8"));

export const settlements = buildSettlements(
  readData("settlements.json"),
  gazetteerData,
  readData("settlements-ua.json"),
);

/** Folded names that never make a GeoNames settlement match (rules/place-stoplist.json). */
export const placeStoplist: ReadonlySet<string> = new Set(PlaceStoplist.parse(stoplistData).names.map(nameKey));

/** The curated list alone, as before the GeoNames layer. */
export const gazetteer = loadGazetteer(gazetteerData);
