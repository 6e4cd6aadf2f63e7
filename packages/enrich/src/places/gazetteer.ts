// The settlement gazetteer: GeoNames-derived settlements of Ukraine and Russia (data/settlements.json, built by
// scripts/build-gazetteer.ts) with the curated list (data/gazetteer.json) laid over them. A curated entry
// replaces the GeoNames settlement it describes (same region, a shared name, within OVERLAY_KM) and adds the
// front-line villages and facilities GeoNames lacks; its spellings are kept alongside GeoNames' ones.
import { readFileSync } from "node:fs";
import { regionByCode } from "@frontline/model";
import { z } from "zod";
import gazetteerData from "../../data/gazetteer.json";
import stoplistData from "../../rules/place-stoplist.json";
import { phraseKeys } from "../text/tokens.ts";
import { IsoRegionCode, type SettlementRow, SettlementsFile } from "./gazetteer-data.ts";

const SettlementsHeader = SettlementsFile.extend({ rows: z.array(z.array(z.unknown())) });

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
import { foldUncached } from "./transliteration.ts";

export const GazetteerEntry = z.object({
  name: z.string().min(1),
  /** ISO 3166-2 code of the first-level region the place lies in. */
  regionCode: IsoRegionCode,
  kind: z.enum(["city", "town", "village", "facility"]),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  aliases: z.array(z.string().min(1)),
});
export type GazetteerEntry = z.infer<typeof GazetteerEntry>;

/** A settlement as the matcher sees it: a curated or GeoNames entry with what disambiguation needs. */
export interface Settlement extends GazetteerEntry {
  country: string;
  population: number;
  /** District (raion) name or code, where GeoNames has it. */
  admin2?: string;
  featureCode?: string;
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

/** The folded key of a whole name ("Chasiv Yar" → "chasiv iar"), as the place trie keys it. */
export const nameKey = (name: string) => phraseKeys(name).map(foldUncached).join(" ");

function kindOf(population: number, featureCode: string): GazetteerEntry["kind"] {
  if (population >= 20_000 || featureCode === "PPLC" || featureCode === "PPLA") return "city";
  return population >= 3_000 ? "town" : "village";
}

const OVERLAY_KM = 15;

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return 6371 * Math.hypot(x, (b.lat - a.lat) * rad);
}

export function buildSettlements(settlementsFile: unknown, curatedData: unknown): readonly Settlement[] {
  // The rows are checked field by field (the full zod schema runs in settlements.test.ts): a zod pass over
  // 7,000+ tuples would cost more than the rest of the load.
  const file = SettlementsHeader.parse(settlementsFile);
  for (const row of file.rows) {
    if (!isSettlementRow(row)) throw new Error(`settlements: malformed row ${JSON.stringify(row)}`);
  }
  const curated = loadGazetteer(curatedData);
  const fromGeoNames: Settlement[] = [];
  for (const [name, regionCode, admin2, lat, lon, population, featureCode, aliases] of file.rows as SettlementRow[]) {
    const region = regionByCode(regionCode);
    if (!region) throw new Error(`settlements: ${name} has unknown region ${regionCode}`);
    fromGeoNames.push({
      name,
      regionCode,
      kind: kindOf(population, featureCode),
      lat,
      lon,
      aliases: aliases === "" ? [] : aliases.split("|"),
      country: region.country,
      population,
      ...(admin2 ? { admin2 } : {}),
      ...(featureCode ? { featureCode } : {}),
      curated: false,
    });
  }
  const byRegion = new Map<string, Settlement[]>();
  for (const s of fromGeoNames) {
    const list = byRegion.get(s.regionCode);
    if (list) list.push(s);
    else byRegion.set(s.regionCode, [s]);
  }
  const replaced = new Set<Settlement>();
  const out: Settlement[] = [];
  for (const c of curated) {
    // Distance first: only the few GeoNames entries near a curated one need their names folded.
    const keys = new Set([c.name, ...c.aliases].map(nameKey));
    const twins = new Set<Settlement>();
    for (const s of byRegion.get(c.regionCode) ?? []) {
      if (km(s, c) > OVERLAY_KM || replaced.has(s)) continue;
      if ([s.name, ...s.aliases].some((n) => keys.has(nameKey(n)))) twins.add(s);
    }
    const aliases = new Set(c.aliases);
    let population = 0;
    let admin2: string | undefined;
    let featureCode: string | undefined;
    for (const t of twins) {
      replaced.add(t);
      aliases.add(t.name);
      for (const a of t.aliases) aliases.add(a);
      population = Math.max(population, t.population);
      admin2 ??= t.admin2;
      featureCode ??= t.featureCode;
    }
    aliases.delete(c.name);
    out.push({
      ...c,
      aliases: [...aliases],
      country: regionByCode(c.regionCode)!.country,
      population,
      ...(admin2 ? { admin2 } : {}),
      ...(featureCode ? { featureCode } : {}),
      curated: true,
    });
  }
  for (const s of fromGeoNames) if (!replaced.has(s)) out.push(s);
  return out;
}

// Read and parsed as JSON rather than imported: imported, the ~1 MB file became a JavaScript module that tsx had to
// transform, slowing every start-up it had not cached. Read once, at load; enrichArticle never touches the disk.
const settlementsData: unknown = JSON.parse(
  readFileSync(new URL("../../data/settlements.json", import.meta.url), "utf8"),
);

export const settlements = buildSettlements(settlementsData, gazetteerData);

/** Folded names that never make a GeoNames settlement match (rules/place-stoplist.json). */
export const placeStoplist: ReadonlySet<string> = new Set(PlaceStoplist.parse(stoplistData).names.map(nameKey));

/** The curated list alone, as before the GeoNames layer. */
export const gazetteer = loadGazetteer(gazetteerData);
