// Region and settlement mentions. Names come from the model's region taxonomy and the gazetteer (GeoNames
// settlements with the curated list over them), matched on transliteration-folded keys; context words decide
// whether an ambiguous name ("Kursk", "Kharkiv") means the region or the city, and the rest of the text
// decides which of several same-name settlements is meant (rules/place-rules.json).
import { type Region, regionByCode, regions } from "@frontline/model";
import { z } from "zod";
import rulesData from "../../rules/place-rules.json";
import { type PhraseMatch, PhraseTrie } from "../match/phrase-trie.ts";
import type { Span } from "../text/sentences.ts";
import { type Token, tokenize, tokenKey } from "../text/tokens.ts";
import { placeStoplist, type Settlement, settlements } from "./gazetteer.ts";
import { foldKey, foldUncached } from "./transliteration.ts";

type GeoName = { kind: "region"; region: Region } | { kind: "place"; place: Settlement };

export interface GeoMention {
  start: number;
  end: number;
  /** Token range of the name. */
  first: number;
  last: number;
  regionCode: string;
  /** Set when the name is a settlement or facility rather than the region itself. */
  place?: Settlement;
}

type NameSpan = Pick<GeoMention, "start" | "end" | "first" | "last">;

/** A GeoMention, always of one shape (place undefined for a region): reading mixed shapes made every read slow. */
export function geoMention(span: NameSpan, regionCode: string, place: Settlement | undefined): GeoMention {
  return { start: span.start, end: span.end, first: span.first, last: span.last, regionCode, place };
}

export const PlaceRules = z.object({
  description: z.string(),
  weights: z.object({
    adjacentRegion: z.number(),
    sentenceRegion: z.number(),
    articleRegion: z.number(),
    articleRegionCap: z.number().int().positive(),
    nearbyPlace: z.number(),
    countryNamed: z.number(),
    sameNameRegion: z.number(),
    curated: z.number(),
    adminSeat: z.number(),
    populationPerDecade: z.number(),
  }),
  nearbyKm: z.number().positive(),
  /** Without context, the best prior must beat the runner-up in another region by this much, else no guess. */
  minPriorMargin: z.number().min(0),
  adminSeatCodes: z.array(z.string()),
  /** Prior by country: Frontline watches the war in Ukraine, where most same-name villages in the news lie. */
  countryPrior: z.record(z.string().regex(/^[A-Z]{2}$/), z.number()),
  /** Country names; a named country favours its settlements. */
  countries: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)),
  /**
   * Neuter/masculine adjectival endings (-зьке, -ське, -ское, -ского ...): "Запорізьке" is a settlement,
   * never the oblast "Запорізька", though both stem alike.
   */
  cyrillicSettlementEndings: z.array(z.string().min(1)),
  /** Words after which a GeoNames name is a district or street named after a place ("Petrovsky district of Donetsk"). */
  notASettlementBefore: z.array(z.string().min(1)),
  /** Rivers that share a settlement's name: "the Dnipro", "the Oskil river" are the river, "Dnipro city" is not. */
  riverNames: z.array(z.string().min(1)),
});
const placeRules = PlaceRules.parse(rulesData);
const adminSeats = new Set(placeRules.adminSeatCodes);
const notASettlementBefore = new Set(placeRules.notASettlementBefore.map((w) => tokenKey(w).key));
const riverNames = new Set(placeRules.riverNames.map((name) => name.toLowerCase()));
const RIVER_WORDS = new Set(["river", "riverbank", "bank", "banks", "reservoir"]);
const CITY_WORDS = new Set(["city", "town"]);

const geoTrie = new PhraseTrie<GeoName>(foldKey, foldUncached);
{
  // Load-time memo: the ~70,000 names share most of their words.
  const folded = new Map<string, string>();
  const fold = (key: string) => {
    let f = folded.get(key);
    if (f === undefined) {
      f = foldUncached(key);
      folded.set(key, f);
    }
    return f;
  };
  for (const region of regions) {
    for (const name of [region.name, ...region.aliases]) geoTrie.add(name, { kind: "region", region });
  }
  for (const place of settlements) {
    const value: GeoName = { kind: "place", place };
    for (const name of [place.name, ...place.aliases]) {
      const tokens = tokenize(name);
      const keys = tokens.map((t) => fold(t.key));
      // Curated names are vetted; GeoNames ones must be capitalised in the text and not on the stoplist.
      if (place.curated) geoTrie.addTokens(tokens, keys, value);
      else if (!placeStoplist.has(keys.join(" "))) geoTrie.addTokens(tokens, keys, value, { capitalised: true });
    }
  }
}

const countryTrie = new PhraseTrie<string>(foldKey);
for (const [name, code] of Object.entries(placeRules.countries)) countryTrie.add(name, code, { capitalised: true });

// Keys are stemmed token keys (see tokens.ts), hence "област" for область/області/областей.
const REGION_WORDS = new Set([
  "region",
  "regions",
  "oblast",
  "oblasts",
  "province",
  "provinces",
  "krai",
  "област",
  "регіон",
  "регион",
  "край",
]);
const SETTLEMENT_WORDS = new Set([
  "city",
  "town",
  "village",
  "villages",
  "settlement",
  "settlements",
  "hamlet",
  "місто",
  "міст",
  "город",
  "сел",
  "село",
  "селище",
  "поселок",
]);
const NOT_A_PLACE_AFTER = new Set([
  "river",
  "operational-strategic",
  "operational",
  "reservoir",
  "dam",
  "sea",
  "hydroelectric",
  "hpp",
]);
/** A name right after these is a ship's ("the flagship Moskva"), not a place. */
const SHIP_WORDS = new Set(["cruiser", "flagship", "ship", "warship", "vessel", "frigate", "corvette", "submarine"]);

// The place and country tries both key tokens by foldKey: an article's folded keys are computed once for both.
// Only the last article's are kept (its two lookups come one after the other), not a WeakMap entry per article,
// which costs an insert and the garbage collector's work on weak entries.
let lastTokens: readonly Token[] | undefined;
let lastKeys: string[] = [];
function foldedKeysOf(tokens: readonly Token[]): string[] {
  if (tokens !== lastTokens) {
    lastKeys = geoTrie.keysOf(tokens);
    lastTokens = tokens;
  }
  return lastKeys;
}

export function findGeoNames(tokens: readonly Token[]): PhraseMatch<GeoName>[] {
  return geoTrie.matchAll(tokens, foldedKeysOf(tokens));
}

interface PendingPlace {
  mention: NameSpan;
  candidates: Settlement[];
  /** Regions named by the same words ("Donetsk" the town and the oblast): their capital is meant. */
  sameName: Region[];
  /** Regions named right after the settlement: "Kamianka, Kharkiv region", "Olenivka (Donetsk)". */
  nextRegions?: string[];
  sentence: number;
}

export function resolveGeoMentions(
  text: string,
  tokens: readonly Token[],
  names: readonly PhraseMatch<GeoName>[],
  sentences: readonly Span[] = [],
): GeoMention[] {
  const inRegionList = regionListMembers(tokens, names);
  const resolved: (GeoMention | PendingPlace)[] = [];
  names.forEach((match, index) => {
    const next = tokens[match.last]?.key;
    if (next && NOT_A_PLACE_AFTER.has(next)) return;
    if (SHIP_WORDS.has(tokens[match.first - 1]?.key ?? "")) return;
    if (isRiver(text, tokens, match, next)) return;
    let regionNames: Region[] = [];
    let places: Settlement[] = [];
    for (const v of match.values) {
      if (v.kind === "region") regionNames.push(v.region);
      else places.push(v.place);
    }
    const base = { start: match.start, end: match.end, first: match.first, last: match.last };
    // "Kupiansk district": the district named after the town is where, the town is not; its oblast still counts.
    if (next !== undefined && RAION_WORDS.has(next) && places.length > 0 && regionNames.length === 0) {
      if (isSingleRegion(places)) resolved.push(geoMention(base, places[0]!.regionCode, undefined));
      return;
    }
    if (next !== undefined && notASettlementBefore.has(next)) places = places.filter((p) => p.curated);
    if (places.length > 0 && regionNames.length > 0 && hasSettlementEnding(tokens[match.last - 1]!.raw)) {
      regionNames = [];
    }

    const regionCue =
      (next !== undefined && REGION_WORDS.has(next)) || isRegionOf(tokens, match.first) || inRegionList.has(index);
    if (regionCue) {
      // "Kyiv region" is the oblast, not the city region that shares the name.
      const capitalOf = places.find((p) => p.curated) ?? places[0];
      const candidates = [...regionNames, ...(capitalOf ? [regionWithCapital(capitalOf)] : [])].filter(
        (r) => r !== undefined,
      );
      const region = candidates.find((r) => r.kind !== "city") ?? candidates[0];
      if (region) resolved.push(geoMention(base, region.code, undefined));
      return;
    }
    // A bare name a region shares with its own capital is the city ("a drone attack on Kharkiv"): news names the
    // oblast as "Kharkiv region". The region-cue branch above has taken "Kharkiv region", "the Kursk oblast".
    const ownCapital = places.some((p) => regionNames.some((r) => r.code === p.regionCode && r.capital === p.name));
    if (
      places.length > 0 &&
      (regionNames.length === 0 || ownCapital || isSettlementContext(text, tokens, match, names[index + 1]))
    ) {
      if (regionNames.length > 0) {
        // The settlement that shares a region's name is that region's own (Donetsk in Donetsk Oblast).
        const own = places.filter((p) => regionNames.some((r) => r.code === p.regionCode));
        if (own.length > 0) places = own;
      }
      resolved.push({
        mention: base,
        candidates: withinRaion(places, raionAfter(text, tokens, names, index)),
        sameName: regionNames,
        sentence: sentenceOf(sentences, match.start),
        ...nextRegionOf(text, names, index),
      });
      return;
    }
    const region = regionNames[0];
    if (region) resolved.push(geoMention(base, region.code, undefined));
  });
  return disambiguate(tokens, sentences, resolved);
}

/** "the Dnipro", "the left bank of the Dnipro", "Oskil river": a river named like a town is not the town. */
function isRiver(
  text: string,
  tokens: readonly Token[],
  match: PhraseMatch<GeoName>,
  next: string | undefined,
): boolean {
  if (!riverNames.has(text.slice(match.start, match.end).toLowerCase())) return false;
  if (next !== undefined && RIVER_WORDS.has(next)) return true;
  return tokens[match.first - 1]?.key === "the" && (next === undefined || !CITY_WORDS.has(next));
}

const isPending = (m: GeoMention | PendingPlace): m is PendingPlace => "candidates" in m;

function hasSettlementEnding(raw: string): boolean {
  const lower = raw.toLowerCase();
  return placeRules.cyrillicSettlementEndings.some((e) => lower.endsWith(e));
}

function sentenceOf(sentences: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return lo;
}

const JOINS_REGION = /^\s*(?:,|\(|,?\s*(?:in|of)\s+(?:the\s+)?)\s*$/i;
/** What joins the names of a list: a comma, "and", "or" (English, Ukrainian, Russian). */
export const LIST_JOIN = /^\s*(?:,|,?\s*(?:and|or|і|и|та|або|или))\s*$/iu;
const RAION_WORDS = new Set(["district", "raion", "районі", "район", "району"]);
const JOINS_RAION = /^\s*(?:,|,?\s*(?:in|of)\s+(?:the\s+)?)\s*$/i;

/** "Kucherivka in Kupiansk district", "Kucherivka, Kupiansk raion": the folded name of the raion named after it. */
function raionAfter(
  text: string,
  tokens: readonly Token[],
  names: readonly PhraseMatch<GeoName>[],
  index: number,
): string | undefined {
  const match = names[index]!;
  const following = names[index + 1];
  if (!following || !JOINS_RAION.test(text.slice(match.end, following.start))) return undefined;
  if (!RAION_WORDS.has(tokens[following.last]?.key ?? "")) return undefined;
  return foldUncached(tokens[following.first]!.key);
}

/** The candidates in the raion named, when any are: same-name villages are told apart by their district. */
function withinRaion(candidates: Settlement[], raion: string | undefined): Settlement[] {
  if (raion === undefined || raion.length < 4) return candidates;
  const inside = candidates.filter(
    (c) => c.admin2 !== undefined && foldUncached(c.admin2.toLowerCase()).startsWith(raion),
  );
  return inside.length > 0 ? inside : candidates;
}

/**
 * The regions a name right after a settlement may denote, joined by a comma, "(", "in" or "of": "Kamianka,
 * Kharkiv region"; ACLED's "Bucha, Kyiv", where "Kyiv" is the city or the oblast around it.
 */
function nextRegionOf(text: string, names: readonly PhraseMatch<GeoName>[], index: number): { nextRegions?: string[] } {
  // "Melovoy, Podol and Sudzha in Kursk region": the region after a list qualifies every name in it.
  let last = index;
  while (names[last + 1] && LIST_JOIN.test(text.slice(names[last]!.end, names[last + 1]!.start))) {
    if (names[last + 1]!.values.some((v) => v.kind === "region")) break;
    last++;
  }
  const match = names[last]!;
  const following = names[last + 1];
  if (!following || !JOINS_REGION.test(text.slice(match.end, following.start))) return {};
  const codes: string[] = [];
  for (const v of following.values) {
    if (v.kind === "region") codes.push(v.region.code);
    else if (v.place.curated) {
      const r = regionWithCapital(v.place);
      if (r) codes.push(r.code);
    }
  }
  // Only a name that is (or may be) a region counts: "Olenivka, near Volnovakha" names no region.
  return following.values.some((v) => v.kind === "region") && codes.length > 0 ? { nextRegions: codes } : {};
}

const log10 = (n: number) => Math.log10(Math.max(1, n));

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  return 6371 * Math.hypot(x, (b.lat - a.lat) * rad);
}

/** Same-name settlements: the candidate the rest of the text supports; no guess when nothing does. */
function disambiguate(
  tokens: readonly Token[],
  sentences: readonly Span[],
  resolved: readonly (GeoMention | PendingPlace)[],
): GeoMention[] {
  const w = placeRules.weights;
  const regionCounts = new Map<string, number>();
  const sentenceRegions = new Map<number, Set<string>>();
  const anchors: Settlement[] = [];
  /** Regions the sentence names itself (not through a settlement). */
  const sentenceNamed = new Map<number, Set<string>>();
  const note = (code: string, sentence: number) => {
    regionCounts.set(code, (regionCounts.get(code) ?? 0) + 1);
    addTo(sentenceRegions, sentence, code);
  };
  let ambiguous = false;
  for (const m of resolved) {
    if (!isPending(m)) {
      const sentence = sentenceOf(sentences, m.start);
      note(m.regionCode, sentence);
      if (!m.place) {
        addTo(sentenceNamed, sentence, m.regionCode);
      }
    } else if (isSingleRegion(m.candidates)) {
      note(m.candidates[0]!.regionCode, m.sentence);
      anchors.push(m.candidates[0]!);
    } else ambiguous = true;
  }
  const countries = ambiguous
    ? new Set(countryTrie.matchAll(tokens, foldedKeysOf(tokens)).flatMap((c) => c.values))
    : new Set<string>();

  const out: GeoMention[] = [];
  for (const m of resolved) {
    if (!isPending(m)) {
      out.push(m);
      continue;
    }
    // "Peski, DPR": a region named beside the name and holding none of its candidates — the name is not one of them.
    if (m.nextRegions && !m.candidates.some((c) => m.nextRegions!.includes(c.regionCode))) continue;
    // Same-name villages, none of them in the region the sentence names: the one meant is not in the gazetteer.
    const named = sentenceNamed.get(m.sentence);
    if (named && !isSingleRegion(m.candidates) && !m.candidates.some((c) => named.has(c.regionCode))) continue;
    const place = isSingleRegion(m.candidates)
      ? m.candidates[0]
      : choose(m, (c) => {
          let context = 0;
          if (m.nextRegions?.includes(c.regionCode)) context += w.adjacentRegion;
          if (sentenceRegions.get(m.sentence)?.has(c.regionCode)) context += w.sentenceRegion;
          context += w.articleRegion * Math.min(w.articleRegionCap, regionCounts.get(c.regionCode) ?? 0);
          if (anchors.some((a) => km(a, c) <= placeRules.nearbyKm)) context += w.nearbyPlace;
          if (countries.has(c.country)) context += w.countryNamed;
          if (m.sameName.some((r) => r.code === c.regionCode)) context += w.sameNameRegion;
          const prior =
            (c.curated ? w.curated : 0) +
            (c.featureCode && adminSeats.has(c.featureCode) ? w.adminSeat : 0) +
            w.populationPerDecade * log10(c.population) +
            (placeRules.countryPrior[c.country] ?? 0);
          return { context, prior };
        });
    if (place) out.push(geoMention(m.mention, place.regionCode, place));
  }
  return out;
}

function addTo(map: Map<number, Set<string>>, key: number, code: string): void {
  const set = map.get(key);
  if (set) set.add(code);
  else map.set(key, new Set([code]));
}

function isSingleRegion(candidates: readonly Settlement[]): boolean {
  const code = candidates[0]!.regionCode;
  return candidates.every((c) => c.regionCode === code);
}

function choose(
  pending: PendingPlace,
  score: (c: Settlement) => { context: number; prior: number },
): Settlement | undefined {
  let best: { c: Settlement; context: number; prior: number } | undefined;
  let runnerUp: { c: Settlement; context: number; prior: number } | undefined;
  for (const c of pending.candidates) {
    const s = { c, ...score(c) };
    if (!best || s.context + s.prior > best.context + best.prior) {
      if (best && best.c.regionCode !== c.regionCode) runnerUp = best;
      best = s;
    } else if (
      c.regionCode !== best.c.regionCode &&
      (!runnerUp || s.context + s.prior > runnerUp.context + runnerUp.prior)
    )
      runnerUp = s;
  }
  if (!best) return undefined;
  if (!runnerUp) return best.c;
  const margin = best.context + best.prior - (runnerUp.context + runnerUp.prior);
  // Context that favours one candidate decides; priors alone must be clear-cut.
  if (best.context > runnerUp.context) return best.c;
  return margin >= placeRules.minPriorMargin ? best.c : undefined;
}

/** "the region of Kursk", "Kursk oblast's" — the name follows a region word and "of". */
function isRegionOf(tokens: readonly Token[], first: number): boolean {
  const of = tokens[first - 1]?.key;
  const word = tokens[first - 2]?.key;
  return of === "of" && word !== undefined && REGION_WORDS.has(word);
}

/** "Kursk, Voronezh, Belgorod and Nizhny Novgorod regions": every name in the list is a region. */
function regionListMembers(tokens: readonly Token[], names: readonly PhraseMatch<GeoName>[]): Set<number> {
  const members = new Set<number>();
  let runStart = 0;
  for (let i = 0; i < names.length; i++) {
    const current = names[i]!;
    const following = names[i + 1];
    const gap = following ? following.first - current.last : -1;
    const joined =
      following !== undefined &&
      (gap === 0 || (gap === 1 && ["and", "or", "і", "и", "та"].includes(tokens[current.last]!.key)));
    if (joined) continue;
    const after = tokens[current.last]?.key;
    if (
      i > runStart &&
      after !== undefined &&
      (after === "regions" || after === "oblasts" || after === "provinces" || after === "област")
    ) {
      for (let k = runStart; k <= i; k++) members.add(k);
    }
    runStart = i + 1;
  }
  return members;
}

function isSettlementContext(
  text: string,
  tokens: readonly Token[],
  match: PhraseMatch<GeoName>,
  following: PhraseMatch<GeoName> | undefined,
): boolean {
  const before = tokens[match.first - 1]?.key;
  const beforeOf = tokens[match.first - 2]?.key;
  if (before !== undefined && SETTLEMENT_WORDS.has(before)) return true;
  if (before === "of" && beforeOf !== undefined && SETTLEMENT_WORDS.has(beforeOf)) return true;
  const after = tokens[match.last]?.key;
  if (after !== undefined && SETTLEMENT_WORDS.has(after)) return true;
  // ACLED style "in Kharkiv, Kharkiv": a settlement followed by its region.
  if (following && following.first === match.last && /^,\s*$/.test(text.slice(match.end, following.start))) {
    return following.values.some((v) => v.kind === "region");
  }
  return false;
}

// Regions by the name of their capital, in taxonomy order: looked up for every region-like settlement mention.
const regionsByCapital = new Map<string, Region[]>();
for (const r of regions) {
  if (r.capital === undefined) continue;
  const list = regionsByCapital.get(r.capital);
  if (list) list.push(r);
  else regionsByCapital.set(r.capital, [r]);
}

function regionWithCapital(place: Settlement): Region | undefined {
  const candidates = regionsByCapital.get(place.name) ?? [];
  return candidates.find((r) => r.kind === "oblast") ?? candidates[0] ?? regionByCode(place.regionCode);
}
