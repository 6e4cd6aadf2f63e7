// Real text: UCDP Candidate events for Ukraine 2022-2023 (shared/eval/ucdp-ukraine-2022-2023.csv, CC BY 4.0), split
// by time into ucdp-dev and ucdp-test. Each row's headlines are one article; scored on admin1 region, the primary
// event's actor1 side, whether the gazetteer knows the gold settlements, and how often an event comes without one.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { regions } from "@frontline/model";
import { parse } from "csv-parse/sync";
import { sharedDir } from "./paths.ts";
import { predictedActor1Side, predictedRegion, type Side } from "./primary-event.ts";
import type { DatasetReport } from "./report.ts";
import { ConfusionTally, type Counts, countLabel, emptyCounts, fieldScore, foldName, rate } from "./score.ts";
import {
  type Enrich,
  goldSettlementName,
  killedCount,
  makeSettlementLookup,
  type SettlementLookup,
} from "./settlements.ts";

export interface UcdpRow {
  id: string;
  event_date: string;
  text: string;
  adm_1: string;
  side_a: string;
  type_of_violence: string;
  where_description: string;
  date_end: string;
  best_deaths: string;
}

export const ucdpCsvPath = () => resolve(sharedDir(), "eval/ucdp-ukraine-2022-2023.csv");

export function loadUcdpRows(path = ucdpCsvPath()): UcdpRow[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as UcdpRow[];
}

/** UCDP spellings the regions taxonomy does not carry; kept here so the eval does not edit the shared taxonomy. */
const EXTRA_ADM1_ALIASES: Record<string, string> = {
  mykolayiv: "UA-48",
  zaporizhzhya: "UA-23",
  odessa: "UA-51",
};

/** "Zaporizhzhya oblast" → "zaporizhzhya": folded, without the administrative word. */
export const adm1Key = (name: string) =>
  foldName(name)
    .replace(/\b(oblast|oblast'|region|province|raion)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Ukraine's admin1 regions by folded name and alias; oblasts first, so "Kyiv Oblast" is never Kyiv city. */
function buildAdm1Index(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (key: string, code: string) => {
    const codes = index.get(key) ?? [];
    if (!codes.includes(code)) codes.push(code);
    index.set(key, codes);
  };
  const ukrainian = regions.filter((r) => r.country === "UA");
  for (const region of ukrainian) for (const name of [region.name, ...region.aliases]) add(adm1Key(name), region.code);
  for (const [alias, code] of Object.entries(EXTRA_ADM1_ALIASES)) add(alias, code);
  return index;
}

let adm1Index: Map<string, string[]> | undefined;

/** An adm_1 spelling as UCDP writes it, as an ISO 3166-2 code; undefined when unknown. */
export function adm1ToRegionCode(adm1: string): string | undefined {
  adm1Index ??= buildAdm1Index();
  const codes = adm1Index.get(adm1Key(adm1));
  if (!codes || codes.length === 0) return undefined;
  if (codes.length === 1) return codes[0];
  // "Kyiv" names both the city (UA-30) and the oblast (UA-32): the word "oblast" decides, else the city.
  const wantsOblast = /\boblast\b/i.test(adm1);
  const kindOf = (code: string) => regions.find((r) => r.code === code)?.kind;
  return codes.find((code) => (kindOf(code) === "oblast") === wantsOblast) ?? codes[0];
}

/** UCDP's side_a names governments; the actors taxonomy's sides are RU / UA / other. */
export function sideOfUcdpActor(name: string): Side | undefined {
  if (name.startsWith("Government of Russia")) return "RU";
  if (name.startsWith("Government of Ukraine")) return "UA";
  return undefined;
}

/** Headlines are separate units: one per line, so no sentence runs across two headlines. */
export const ucdpArticleText = (row: UcdpRow) =>
  row.text
    .split(";")
    .map((h) => h.trim())
    .filter((h) => h !== "")
    .join("\n");

/** UCDP's licence and the citation it asks for, printed in the header of both parts. */
export const UCDP_SOURCE =
  "UCDP Candidate Events Dataset, CC BY 4.0; Hegre, Croicu, Eck and Högbladh (2020), Research & Politics; " +
  "Sundberg and Melander (2013), Journal of Peace Research; read at eval time from ../shared/eval/ucdp-ukraine-2022-2023.csv";

/**
 * The dev/test cut. The sample's rows are dated 2022-02..2022-09 and 2023-01..2023-02 (nothing between), so the
 * calendar year splits it cleanly: 2022 is the dev part (~60%), 2023 the test part (~40%), four months apart so
 * that no news story runs across both parts.
 */
export const UCDP_TEST_FROM = "2023-01-01";

export type UcdpPart = "dev" | "test";

/** Which part a row belongs to: by event_date alone, so the split never depends on the order of the rows. */
export const ucdpPartOf = (row: Pick<UcdpRow, "event_date">): UcdpPart =>
  row.event_date < UCDP_TEST_FROM ? "dev" : "test";

export function splitUcdpRows(rows: UcdpRow[]): Record<UcdpPart, UcdpRow[]> {
  const parts: Record<UcdpPart, UcdpRow[]> = { dev: [], test: [] };
  for (const row of rows) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.event_date))
      throw new Error(`UCDP row ${row.id}: event_date "${row.event_date}" is not YYYY-MM-DD`);
    parts[ucdpPartOf(row)].push(row);
  }
  return parts;
}

export function ucdpSplitRule(parts: Record<UcdpPart, UcdpRow[]>): string {
  const total = parts.dev.length + parts.test.length;
  const pct = (n: number) => (total === 0 ? "0" : ((100 * n) / total).toFixed(0));
  return (
    `by time: event_date before ${UCDP_TEST_FROM} → ucdp-dev (${parts.dev.length} rows, ${pct(parts.dev.length)}%), ` +
    `from ${UCDP_TEST_FROM} → ucdp-test (${parts.test.length} rows, ${pct(parts.test.length)}%)`
  );
}

const dateRange = (rows: UcdpRow[]) => {
  const dates = rows.map((r) => r.event_date).sort();
  return dates.length === 0 ? "no rows" : `${dates[0]}..${dates[dates.length - 1]}`;
};

export function evalUcdp(
  rows: UcdpRow[],
  enrich: Enrich,
  part: UcdpPart,
  splitRule = ucdpSplitRule({ dev: part === "dev" ? rows : [], test: part === "test" ? rows : [] }),
): DatasetReport {
  const confusions = new ConfusionTally();
  const region = emptyCounts();
  const side = emptyCounts();
  const oneSided = emptyCounts();
  const deaths = emptyCounts();
  let regionN = 0;
  let sideN = 0;
  let deathsN = 0;
  let emptyAdm1 = 0;
  let noEvent = 0;
  let dated = 0;
  let datedInWindow = 0;
  let withSettlementAndEvent = 0;
  let eventWithoutSettlement = 0;
  const unmapped = new Map<string, number>();
  /** Distinct (settlement, gold admin1) pairs, for "settlement known". */
  const goldSettlements = new Map<string, { name: string; code: string }>();
  let settlementNoAdmin1 = 0;

  for (const row of rows) {
    const article = enrich({ id: row.id, text: ucdpArticleText(row), publishedAt: row.event_date });
    const primary = article.events[0];
    if (!primary) noEvent += 1;
    const gold = row.adm_1.trim() === "" ? undefined : adm1ToRegionCode(row.adm_1);

    if (row.adm_1.trim() === "") emptyAdm1 += 1;
    else if (gold === undefined) unmapped.set(row.adm_1, (unmapped.get(row.adm_1) ?? 0) + 1);
    else {
      regionN += 1;
      const predicted = predictedRegion(article);
      if (!countLabel(region, gold, predicted)) confusions.add("admin1", gold, predicted);
    }

    const goldSide = sideOfUcdpActor(row.side_a);
    if (goldSide !== undefined) {
      sideN += 1;
      const predicted = predictedActor1Side(article);
      if (!countLabel(side, goldSide, predicted)) confusions.add("actor1 side", goldSide, predicted);
    }

    // UCDP's one-sided violence (type 3) against ACLED's "Violence against civilians": related, not the same.
    const goldOneSided = row.type_of_violence === "3";
    const predictedVac = primary?.acled.eventType === "Violence against civilians";
    if (goldOneSided && predictedVac) oneSided.tp += 1;
    else if (goldOneSided) {
      oneSided.fn += 1;
      confusions.add("tov 3 vs VAC", "type_of_violence 3", primary?.acled.eventType);
    } else if (predictedVac) {
      oneSided.fp += 1;
      confusions.add("tov 3 vs VAC", `type_of_violence ${row.type_of_violence}`, "Violence against civilians");
    }

    // Deaths mentioned: best_deaths > 0 against a "killed" count on the primary event (the numbers differ: UCDP
    // adds up sources, a headline gives one figure).
    const bestDeaths = row.best_deaths.trim() === "" ? undefined : Number(row.best_deaths);
    if (bestDeaths !== undefined && Number.isFinite(bestDeaths)) {
      deathsN += 1;
      const predictedDeaths = killedCount(primary) > 0;
      if (bestDeaths > 0 && predictedDeaths) deaths.tp += 1;
      else if (bestDeaths > 0) deaths.fn += 1;
      else if (predictedDeaths) deaths.fp += 1;
    }

    if (primary?.date) {
      dated += 1;
      const end = row.date_end.trim() === "" ? row.event_date : row.date_end;
      if (primary.date.value >= row.event_date && primary.date.value <= end) datedInWindow += 1;
    }

    const settlement = goldSettlementName(row.where_description);
    if (settlement !== undefined) {
      if (gold === undefined) settlementNoAdmin1 += 1;
      else goldSettlements.set(`${foldName(settlement)}|${gold}`, { name: settlement, code: gold });
      if (primary) {
        withSettlementAndEvent += 1;
        if (!primary.place) eventWithoutSettlement += 1;
      }
    }
  }

  const known = scoreSettlementsKnown([...goldSettlements.values()], makeSettlementLookup(enrich), confusions);

  const notes = [`${rows.length} rows (${dateRange(rows)}); ${emptyAdm1} with empty adm_1 skipped for admin1`];
  if (unmapped.size > 0) {
    notes.push(`adm_1 spellings with no region (skipped): ${[...unmapped].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  }
  notes.push(
    "prediction: the primary event's region, else the article's most-mentioned region",
    `settlement known: ${goldSettlements.size} distinct gold settlements (where_description read as one place name; ` +
      `areas, fronts, lists and buildings skipped; ${settlementNoAdmin1} rows with a settlement but no usable adm_1 left out) ` +
      `put in "Shelling was reported in <name>."; known = the gazetteer gives a place in the gold admin1. ` +
      `${known.regionOnly} resolve to the gold region but to no place (a city named like its oblast)`,
    `events dated: ${datedInWindow} of ${dated} dated primary events fall within UCDP's event_date..date_end`,
    'deaths mentioned: best_deaths > 0 vs a "killed" quantity on the primary event; informative (UCDP sums sources)',
  );
  return {
    dataset: part === "test" ? "ucdp-test" : "ucdp-dev",
    realText: true,
    split: part,
    origin: "real text, not written by us",
    title: `ucdp-${part}: UCDP Candidate events, Ukraine, ${rows.length} rows (news headlines as text, UCDP's labels)`,
    source: UCDP_SOURCE,
    splitRule,
    fields: [
      fieldScore("admin1", region, regionN),
      fieldScore("actor1 side", side, sideN),
      fieldScore("one-sided ~ VAC", oneSided, oneSided.tp + oneSided.fn, true),
      fieldScore("deaths mentioned", deaths, deathsN, true),
    ],
    rates: [
      rate("settlement known", known.counts.tp, goldSettlements.size, "higher"),
      rate("settlement in another region", known.counts.fp, goldSettlements.size, "lower"),
      rate("no event", noEvent, rows.length, "lower"),
      rate("event without settlement", eventWithoutSettlement, withSettlementAndEvent, "lower"),
      rate("events dated", dated, rows.length, "higher"),
    ],
    confusions: confusions.top(12),
    notes,
  };
}

/**
 * "Settlement known" (issue #14): each distinct gold settlement is looked up alone. tp: a place in the gold admin1;
 * fp: places, but only in other regions; fn: anything but tp. So R = the share the gazetteer knows.
 */
export function scoreSettlementsKnown(
  settlements: { name: string; code: string }[],
  lookup: (name: string) => SettlementLookup,
  confusions?: ConfusionTally,
): { counts: Counts; regionOnly: number } {
  const counts = emptyCounts();
  let regionOnly = 0;
  for (const { name, code } of settlements) {
    const found = lookup(name);
    if (found.places.some((p) => p.regionCode === code)) {
      counts.tp += 1;
      continue;
    }
    counts.fn += 1;
    if (found.places.length > 0) {
      counts.fp += 1;
      confusions?.add("settlement known", `${name} (${code})`, found.places.map((p) => p.regionCode ?? "?").join("/"));
    } else if (found.regions.includes(code)) regionOnly += 1;
  }
  return { counts, regionOnly };
}
