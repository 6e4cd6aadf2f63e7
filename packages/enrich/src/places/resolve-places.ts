// Region and settlement mentions. Names come from the model's region taxonomy and the gazetteer;
// context words decide whether an ambiguous name ("Kursk", "Kharkiv") means the region or the city.
import { type Region, regionByCode, regions } from "@frontline/model";
import { type PhraseMatch, PhraseTrie } from "../match/phrase-trie.ts";
import type { Token } from "../text/tokens.ts";
import { type GazetteerEntry, gazetteer } from "./gazetteer.ts";

type GeoName = { kind: "region"; region: Region } | { kind: "place"; place: GazetteerEntry };

export interface GeoMention {
  start: number;
  end: number;
  /** Token range of the name. */
  first: number;
  last: number;
  regionCode: string;
  /** Set when the name is a settlement or facility rather than the region itself. */
  place?: GazetteerEntry;
}

const geoTrie = new PhraseTrie<GeoName>();
for (const region of regions) {
  for (const name of [region.name, ...region.aliases]) geoTrie.add(name, { kind: "region", region });
}
for (const place of gazetteer) {
  for (const name of [place.name, ...place.aliases]) geoTrie.add(name, { kind: "place", place });
}

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
const NOT_A_PLACE_AFTER = new Set(["river", "operational-strategic", "operational", "reservoir", "dam"]);

export function findGeoNames(tokens: readonly Token[]): PhraseMatch<GeoName>[] {
  return geoTrie.matchAll(tokens);
}

export function resolveGeoMentions(
  text: string,
  tokens: readonly Token[],
  names: readonly PhraseMatch<GeoName>[],
): GeoMention[] {
  const inRegionList = regionListMembers(tokens, names);
  const mentions: GeoMention[] = [];
  names.forEach((match, index) => {
    const next = tokens[match.last]?.key;
    if (next && NOT_A_PLACE_AFTER.has(next)) return;
    const regionNames = match.values.flatMap((v) => (v.kind === "region" ? [v.region] : []));
    const places = match.values.flatMap((v) => (v.kind === "place" ? [v.place] : []));
    const base = { start: match.start, end: match.end, first: match.first, last: match.last };

    const regionCue =
      (next !== undefined && REGION_WORDS.has(next)) || isRegionOf(tokens, match.first) || inRegionList.has(index);
    if (regionCue) {
      // "Kyiv region" is the oblast, not the city region that shares the name.
      const candidates = [...regionNames, ...(places[0] ? [regionWithCapital(places[0])] : [])].filter(
        (r) => r !== undefined,
      );
      const region = candidates.find((r) => r.kind !== "city") ?? candidates[0];
      if (region) mentions.push({ ...base, regionCode: region.code });
      return;
    }
    const place = places[0];
    if (place && (regionNames.length === 0 || isSettlementContext(text, tokens, match, names[index + 1]))) {
      mentions.push({ ...base, regionCode: place.regionCode, place });
      return;
    }
    const region = regionNames[0];
    if (region) mentions.push({ ...base, regionCode: region.code });
  });
  return mentions;
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

function regionWithCapital(place: GazetteerEntry): Region | undefined {
  const candidates = regions.filter((r) => r.capital === place.name);
  return candidates.find((r) => r.kind === "oblast") ?? candidates[0] ?? regionByCode(place.regionCode);
}
