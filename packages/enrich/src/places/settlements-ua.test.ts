// data/settlements-ua.json, the KATOTTH settlement layer of Ukraine (scripts/build-ua-settlements.ts): the file against
// its schema and against a fresh build from the snapshots (where they are present), its coverage of the settlements
// real reports name (shared/eval/ucdp-ukraine-2022-2023.csv), and front-line villages read from text.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EnrichedArticle, regionByCode, regions } from "@frontline/model";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import admin1Data from "../../data/katotth-admin1.json";
import {
  defaultSources,
  generateUaSettlements,
  serializeUaSettlements,
  sourcesPresent,
  uaSettlementsPath,
} from "../../scripts/build-ua-settlements.ts";
import { enrichArticle } from "../enrich.ts";
import { keyPrefix, settlements } from "./gazetteer.ts";
import { KatotthAdmin1Mapping, UaSettlementsFile } from "./gazetteer-data.ts";
import { nameKey } from "./transliteration.ts";

const committed = readFileSync(uaSettlementsPath, "utf8");
const file = UaSettlementsFile.parse(JSON.parse(committed));

describe("data/settlements-ua.json", () => {
  it("is valid against its schema, in regions the taxonomy knows", { timeout: 30_000 }, () => {
    // One assertion over every row's problems: 30,000 rows of expect() calls took seconds on a loaded machine.
    const problems: string[] = [];
    for (const row of file.rows) {
      const [name, region, raion, hromada, lat, lon] = row;
      if (regionByCode(region)?.country !== "UA") problems.push(`${name}: region ${region}`);
      if (raion >= file.raions.length) problems.push(`${name}: raion ${raion}`);
      if (hromada >= file.hromadas.length) problems.push(`${name}: hromada ${hromada}`);
      // Coordinates come in pairs, and inside Ukraine.
      if ((lat === null) !== (lon === null)) problems.push(`${name}: half a coordinate`);
      if (lat !== null && lon !== null && !(lat > 44 && lat < 52.5 && lon > 22 && lon < 40.3))
        problems.push(`${name}: ${lat}, ${lon} is outside Ukraine`);
    }
    expect(problems).toEqual([]);
  });

  it("holds every settlement of the codifier, each with its raion and hromada", { timeout: 30_000 }, () => {
    const count = (category: string) => file.rows.filter((r) => r[8] === category).length;
    // The 2025 codifier: 461 cities, 2,007 settlements, 27,237 villages, 108 city districts, Kyiv and Sevastopol.
    expect(count("M")).toBeGreaterThanOrEqual(460);
    expect(count("X")).toBeGreaterThanOrEqual(2000);
    expect(count("C")).toBeGreaterThanOrEqual(27000);
    expect(count("B")).toBeGreaterThanOrEqual(100);
    expect(count("K")).toBe(2);
    const unplaced = file.rows.filter(
      (row) => row[8] !== "" && row[8] !== "K" && (row[3] < 0 || (row[8] !== "B" && row[2] < 0)),
    );
    expect(unplaced.map((row) => row[0])).toEqual([]);
  });

  it("places most settlements, and every other one by its hromada or raion", { timeout: 30_000 }, () => {
    const placed = file.rows.filter((r) => r[4] !== null).length;
    expect(placed / file.rows.length).toBeGreaterThan(0.75);
    const ua = settlements.filter((s) => s.category !== undefined);
    expect(ua.length).toBeGreaterThan(29_000);
    expect(ua.filter((s) => s.approximate === "region").map((s) => s.name)).toEqual([]);
  });

  it("stays small enough to commit", () => {
    expect(Buffer.byteLength(committed)).toBeLessThan(4_000_000);
  });

  const snapshots = `${defaultSources.katotth}, ${defaultSources.wof}`;
  it.skipIf(!sourcesPresent())(
    sourcesPresent()
      ? "is what the build script generates from the KATOTTH and Who's On First snapshots"
      : `is what the build script generates (skipped: snapshots not found at ${snapshots}; set KATOTTH_SOURCE and WOF_UA_SOURCE)`,
    { timeout: 300_000 },
    () => {
      const generated = generateUaSettlements();
      const parsed = JSON.parse(committed) as typeof generated;
      expect(parsed.sources).toEqual(generated.sources);
      expect(parsed.rows.length).toBe(generated.rows.length);
      expect(committed).toBe(serializeUaSettlements(generated));
    },
  );
});

describe("data/katotth-admin1.json", () => {
  const mapping = KatotthAdmin1Mapping.parse(admin1Data);

  it("maps each first-level unit of the codifier to a Ukrainian region of the taxonomy, every one once", () => {
    const iso = mapping.entries.map((e) => e.iso);
    expect(new Set(iso).size).toBe(iso.length);
    expect(new Set(mapping.entries.map((e) => e.katotth)).size).toBe(iso.length);
    const ukrainian = regions.filter((r) => r.country === "UA").map((r) => r.code);
    expect([...iso].sort()).toEqual([...ukrainian].sort());
  });

  it("gives every oblast of the layer its settlements", () => {
    const covered = new Set(file.rows.map((r) => r[1]));
    for (const e of mapping.entries) expect(covered, e.iso).toContain(e.iso);
  });
});

// The adm_1 spellings of the UCDP sample.
const UCDP_ADM1: Record<string, string> = {
  "Donetsk oblast": "UA-14",
  "Kherson oblast": "UA-65",
  "Kharkiv Oblast": "UA-63",
  "Luhansk oblast": "UA-09",
  "Zaporizhzhya oblast": "UA-23",
  "Mykolayiv oblast": "UA-48",
  "Dnipropetrovsk oblast": "UA-12",
  "Sumy oblast": "UA-59",
  "Chernihiv oblast": "UA-74",
  "Cherkasy oblast": "UA-71",
  "Odessa oblast": "UA-51",
  "Khmelnytskyi oblast": "UA-68",
};

/** Words that make a description something other than one settlement: an area, a front, a region, a building. */
const NOT_ONE_SETTLEMENT =
  /\b(?:and|directions?|regions?|oblast|district|raion|republic|dpr|lpr|ukraine|front|sector|street|square|plant|airfield|mine|river|bridge|forest|border|positions?|areas)\b|&|\d/i;

/**
 * UCDP's where_description as one settlement name, when it names one: "Izyum (forest near)" → "Izyum", "near the
 * village of Lvovo" → "Lvovo", "Bakhmut, Donetsk region" → "Bakhmut".
 */
function settlementName(where: string): string | undefined {
  let text = where
    .split(/\r?\n/)[0]!
    .replace(/\([^)]*\)?/g, " ")
    .replace(/[?#"“”]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const lead =
    /^(?:near|in|on|at|around|outskirts of|(?:the\s+)?(?:area|areas|vicinity|outskirts) of|(?:the\s+)?(?:village|town|city|settlement|urban-type settlement) of|the|a)\s+/i;
  for (let next = text.replace(lead, ""); next !== text; next = text.replace(lead, "")) text = next;
  text = text
    .split(/,| in | of | near | on /)[0]!
    .replace(/\s+(?:village|town|city|settlement|area)$/i, "")
    .trim();
  text = text.replace(/\.$/, "");
  if (NOT_ONE_SETTLEMENT.test(text)) return undefined;
  return /^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){0,2}$/u.test(text) ? text : undefined;
}

const readCsv = (text: string) =>
  parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];

const sharedDir = process.env.SHARED_DIR ?? path.resolve(__dirname, "../../../../../shared");
const ucdpPath = path.join(sharedDir, "eval/ucdp-ukraine-2022-2023.csv");

describe("coverage of the settlements real reports name", () => {
  // The share the layer reaches, less a margin; the GeoNames layer alone knew 57% of these names in their oblast.
  const MIN_SHARE = 0.8;

  it.skipIf(!existsSync(ucdpPath))(
    existsSync(ucdpPath)
      ? `knows at least ${MIN_SHARE * 100}% of UCDP's settlements in UCDP's oblast`
      : `knows UCDP's settlements (skipped: ${ucdpPath} not found; set SHARED_DIR)`,
    { timeout: 30_000 },
    () => {
      const gold = new Map<string, string>();
      for (const row of readCsv(readFileSync(ucdpPath, "utf8"))) {
        const name = settlementName(row.where_description ?? "");
        const region = UCDP_ADM1[row.adm_1 ?? ""];
        if (name && region) gold.set(`${name}|${region}`, region);
      }
      const known = new Set<string>();
      for (const s of settlements) for (const n of [s.name, ...s.aliases]) known.add(`${nameKey(n)}|${s.regionCode}`);
      const missing: string[] = [];
      let hits = 0;
      for (const [key, region] of gold) {
        const name = key.slice(0, key.indexOf("|"));
        if (known.has(`${nameKey(name)}|${region}`)) hits++;
        else missing.push(`${name} (${region})`);
      }
      const share = hits / gold.size;
      console.log(
        `UCDP settlements known in their oblast: ${hits} of ${gold.size} (${(share * 100).toFixed(1)}%); missing: ${missing.join(", ")}`,
      );
      expect(gold.size).toBeGreaterThan(150);
      expect(share).toBeGreaterThanOrEqual(MIN_SHARE);
    },
  );
});

const enrich = (text: string) => EnrichedArticle.parse(enrichArticle({ id: "t", text, publishedAt: "2024-06-01" }));
const placeIn = (text: string) => {
  const out = enrich(text);
  return [out.places?.[0]?.name, out.places?.[0]?.regionCode, out.regions[0]?.code];
};

describe("front-line settlements read from text", () => {
  it.each([
    // Settlements only the codifier has (the GeoNames layer had none of these names in these oblasts).
    ["Shelling was reported near Lohvynove.", "Lohvynove", "UA-14"],
    ["Shelling was reported near Veselohorivka.", "Veselohorivka", "UA-09"],
    ["Shelling was reported near Holubivske in the Luhansk region.", "Holubivske", "UA-09"],
    ["Fighting went on near Novoselivka, Kharkiv region.", "Novoselivka", "UA-63"],
    ["Shelling was reported near Verkhnotoretske.", "Verkhnotoretske", "UA-14"],
    // Russian spellings, by the folding or by the rules that derive them.
    ["Russian forces advanced near Logvinovo.", "Lohvynove", "UA-14"],
    ["Russian forces advanced near Veselogorovka.", "Veselohorivka", "UA-09"],
    ["Russian forces shelled Petrovskoye, Donetsk region.", "Petrivske", "UA-14"],
    ["Russian forces shelled Melovoy in the Kharkiv region.", "Milove", "UA-63"],
    ["Russian forces shelled Khorosheye in the Luhansk region.", "Khoroshe", "UA-09"],
    // An old name the sources keep: Kominternove is Pikuzy since 2016.
    ["Ukrainian troops shelled Kominternove.", "Pikuzy", "UA-14"],
    // A numbered part of a settlement: Zolote-5 is Zolote.
    ["Shelling was reported near Zolote-5 in the Luhansk region.", "Zolote", "UA-09"],
    // City districts of the codifier.
    ["A man was killed by shelling of the Petrovsky district of Donetsk.", "Petrovskyi District", "UA-14"],
    ["Shells hit the Kuibyshevskyi district overnight.", "Kuibyshevskyi District", "UA-14"],
    // Ukrainian and Russian Cyrillic.
    ["Окупанти обстріляли Голубівське у Луганській області.", "Holubivske", "UA-09"],
    ["ВСУ обстреляли Логвиново.", "Lohvynove", "UA-14"],
  ])("%s → %s (%s)", (text, place, region) => {
    expect(placeIn(text)).toEqual([place, region, region]);
  });

  it("places a settlement no source locates at its hromada, marked as approximate", () => {
    const district = settlements.find((s) => s.name === "Petrovskyi District" && s.regionCode === "UA-14");
    expect(district).toMatchObject({ approximate: "hromada", admin3: "Donetska Hromada", category: "B" });
    expect(district!.lat).toBeCloseTo(48.0, 0);
    const placed = settlements.find((s) => s.name === "Lohvynove");
    expect(placed).toMatchObject({ admin2: "Horlivskyi Raion", admin3: "Debaltsivska Hromada", category: "C" });
    expect(placed!.approximate).toBeUndefined();
  });

  it("tells the start of every name's folded key without folding it (the loader's cheap test)", {
    timeout: 30_000,
  }, () => {
    const wrong: string[] = [];
    for (const s of settlements) {
      for (const n of [s.name, ...s.aliases]) if (keyPrefix(n) !== nameKey(n).slice(0, 2)) wrong.push(n);
    }
    expect(wrong).toEqual([]);
  });

  it("leaves a codifier-only village out where a curated entry of another region has its name", () => {
    // Zorya, Donetsk (curated) against twenty Zorias elsewhere known only from the codifier.
    const zorias = settlements.filter((s) => nameKey(s.name) === nameKey("Zorya"));
    expect(new Set(zorias.filter((s) => s.featureCode === undefined).map((s) => s.regionCode))).toEqual(
      new Set(["UA-14"]),
    );
  });
});
