// Dataset (b): UCDP Candidate events for Ukraine 2022-2023 (shared/eval/ucdp-ukraine-2022-2023.csv, CC BY 4.0).
// Each row's headlines are one article; scored on admin1 region and the primary event's actor1 side.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type EnrichedArticle, regions } from "@frontline/model";
import { parse } from "csv-parse/sync";
import { sharedDir } from "./paths.ts";
import { predictedActor1Side, predictedRegion, type Side } from "./primary-event.ts";
import type { DatasetReport } from "./report.ts";
import { ConfusionTally, countLabel, emptyCounts, fieldScore, foldName } from "./score.ts";

export interface UcdpRow {
  id: string;
  event_date: string;
  text: string;
  adm_1: string;
  side_a: string;
  type_of_violence: string;
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

export function evalUcdp(
  rows: UcdpRow[],
  enrich: (input: { id: string; text: string; publishedAt: string }) => EnrichedArticle,
): DatasetReport {
  const confusions = new ConfusionTally();
  const region = emptyCounts();
  const side = emptyCounts();
  const oneSided = emptyCounts();
  let regionN = 0;
  let sideN = 0;
  let emptyAdm1 = 0;
  const unmapped = new Map<string, number>();

  for (const row of rows) {
    const article = enrich({ id: row.id, text: ucdpArticleText(row), publishedAt: row.event_date });

    if (row.adm_1.trim() === "") emptyAdm1 += 1;
    else {
      const gold = adm1ToRegionCode(row.adm_1);
      if (gold === undefined) unmapped.set(row.adm_1, (unmapped.get(row.adm_1) ?? 0) + 1);
      else {
        regionN += 1;
        const predicted = predictedRegion(article);
        if (!countLabel(region, gold, predicted)) confusions.add("admin1", gold, predicted);
      }
    }

    const goldSide = sideOfUcdpActor(row.side_a);
    if (goldSide !== undefined) {
      sideN += 1;
      const predicted = predictedActor1Side(article);
      if (!countLabel(side, goldSide, predicted)) confusions.add("actor1 side", goldSide, predicted);
    }

    // UCDP's one-sided violence (type 3) against ACLED's "Violence against civilians": related, not the same.
    const goldOneSided = row.type_of_violence === "3";
    const predictedVac = article.events[0]?.acled.eventType === "Violence against civilians";
    if (goldOneSided && predictedVac) oneSided.tp += 1;
    else if (goldOneSided) {
      oneSided.fn += 1;
      confusions.add("tov 3 vs VAC", "type_of_violence 3", article.events[0]?.acled.eventType);
    } else if (predictedVac) {
      oneSided.fp += 1;
      confusions.add("tov 3 vs VAC", `type_of_violence ${row.type_of_violence}`, "Violence against civilians");
    }
  }

  const notes = [`${rows.length} rows; ${emptyAdm1} with empty adm_1 skipped for admin1`];
  if (unmapped.size > 0) {
    notes.push(`adm_1 spellings with no region (skipped): ${[...unmapped].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  }
  notes.push("prediction: the primary event's region, else the article's most-mentioned region");
  return {
    dataset: "ucdp",
    title: "ucdp: UCDP Candidate events, Ukraine 2022-02-24..2023-02-28 (headlines as text)",
    fields: [
      fieldScore("admin1", region, regionN),
      fieldScore("actor1 side", side, sideN),
      fieldScore("one-sided ~ VAC", oneSided, oneSided.tp + oneSided.fn, true),
    ],
    confusions: confusions.top(12),
    notes,
  };
}
