// Settlements in gold labels (issue #14): reading one settlement name out of a free-text place description, asking
// the enricher's gazetteer whether it knows it, and counting the deaths an event carries.
import type { EnrichedArticle, Event } from "@frontline/model";
import { foldName } from "./score.ts";

export type Enrich = (input: { id: string; text: string; publishedAt?: string }) => EnrichedArticle;

/** Words that make a description something other than one settlement: an area, a front, a building, a list. */
const NOT_A_SETTLEMENT =
  /\b(directions?|regions?|regional|oblasts?|district|raion|community|republic|dpr|lpr|ukraine|south|southern|front|sector|zone|command|operational|ok|counteroffensive|street|square|market|park|plant|depot|airfield|colony|mine|tpp|llc|river|bridge|bridgehead|crossing|ferry|forest|forestry|hq|battalion|suburbs?|outskirts|areas|settlements|territory|territories|border|between|including|nearby|donbas|donbass|building|road|point|positions?|island|base|country|bank|such)\b/i;

/** Words that name a region-wide or front-wide context before a colon or dash ("Donetsk region: in Bakhmut"). */
const REGIONAL_CONTEXT = /\b(directions?|regions?|oblasts?|district|community|republic|dpr|lpr)\b/i;

const LEADING = [
  /^(?:in|on|near|at|around|behind|to|a|an|the|geolocated|not\s+far\s+from)\s+/i,
  /^(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+/i,
  /^(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+)?(?:area|areas|center|centre|vicinity|outskirts|suburbs?|edge|part|residential\s+(?:sector|area))\s+of\s+/i,
  /^(?:urban-type\s+|border\s+)?(?:city|town|village|settlement)(?:\s+of)?\s+/i,
];
const TRAILING = /\s+(?:city|village|town|settlement|area|town\s+cent(?:re|er)|cent(?:re|er))$/i;
const CUT = /\s*(?:,|\.\s|\.$| in the | in | of the | of | near | on the | on | at )/i;

/**
 * The one settlement a UCDP where_description names, or undefined when it names none or several: "Izyum (forest
 * near)" → "Izyum", "near the village of Lvovo" → "Lvovo", "Donetsk region — in Stavky" → "Stavky", "Bakhmut,
 * Donetsk region" → "Bakhmut"; "Donetsk direction", "Bakhmut and Krasnohorivka", "Kievsky district of Donetsk",
 * "Ukraine", coordinates alone → undefined. Parentheticals are dropped first.
 */
export function goldSettlementName(whereDescription: string): string | undefined {
  const lines = whereDescription
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^(?:at\s+)?@?\w*\s*-?\d+\.\d+\s*,\s*-?\d+\.\d+\s*$/i.test(line))
    .filter((line) => !/@geoconfirmed/i.test(line));
  if (lines.length !== 1) return undefined;
  let text = (lines[0] ?? "")
    .replace(/^(?:at\s+)?-?\d+\.\d+\s*,\s*-?\d+\.\d+\s*,?\s*/i, "")
    .replace(/\([^)]*(?:\)|$)/g, " ")
    .replace(/[?#"“”]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (/\band\b|&/i.test(text)) return undefined;

  const separator = /\s*(?::|;|\s-\s|\s—\s)\s*/.exec(text);
  if (separator) {
    const left = text.slice(0, separator.index);
    if (!REGIONAL_CONTEXT.test(left) || /^directions?\s+of\b/i.test(left)) return undefined;
    text = text.slice(separator.index + separator[0].length);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const pattern of LEADING) {
      const next = text.replace(pattern, "");
      if (next !== text) {
        text = next;
        changed = true;
      }
    }
  }
  const cut = CUT.exec(text);
  if (cut) text = text.slice(0, cut.index);
  text = text.replace(/\.$/, "").replace(TRAILING, "").trim();

  if (text === "" || /\d/.test(text) || NOT_A_SETTLEMENT.test(text)) return undefined;
  if (!/^\p{Lu}/u.test(text) || text.split(" ").length > 4) return undefined;
  return text;
}

export interface SettlementLookup {
  /** Places the gazetteer found for the name: canonical name and admin1 code. */
  places: { name: string; regionCode?: string }[];
  /** Regions the name resolved to (a city named like its oblast resolves to the oblast only). */
  regions: string[];
}

/**
 * What the gazetteer makes of a settlement name. @frontline/enrich exports no gazetteer lookup, so the name is
 * put in a neutral sentence and the enricher's places and regions are read back.
 */
export function makeSettlementLookup(enrich: Enrich): (name: string) => SettlementLookup {
  const cache = new Map<string, SettlementLookup>();
  return (name) => {
    const key = foldName(name);
    const known = cache.get(key);
    if (known) return known;
    const article = enrich({ id: `settlement:${key}`, text: `Shelling was reported in ${name}.` });
    const lookup: SettlementLookup = {
      places: (article.places ?? []).map((p) => ({
        name: p.name,
        ...(p.regionCode !== undefined ? { regionCode: p.regionCode } : {}),
      })),
      regions: article.regions.map((r) => r.code),
    };
    cache.set(key, lookup);
    return lookup;
  };
}

/** Quantity units that count the dead. */
export const KILLED_UNITS: ReadonlySet<string> = new Set(["killed"]);

/** The deaths an event carries: the sum of its quantities counted in a "killed" unit (0 when none). */
export const killedCount = (event: Event | undefined): number =>
  (event?.quantities ?? []).filter((q) => KILLED_UNITS.has(q.unit)).reduce((sum, q) => sum + q.value, 0);
