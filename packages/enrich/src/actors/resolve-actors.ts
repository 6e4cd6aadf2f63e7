// Actor mentions: taxonomy aliases (via a token trie), "<demonym> <force noun>" phrases, and bare
// country names that speak (government) or act (military). Capitals used as governments ("Moscow has
// claimed", "Kyiv's forces") are actors here and are withheld from the place matcher.
import { type Actor, actorById, actors } from "@frontline/model";
import { type PhraseMatch, PhraseTrie } from "../match/phrase-trie.ts";
import { type Token, tokenKey } from "../text/tokens.ts";
import { actorCues, type ForceSide } from "./actor-cues.ts";

export interface ActorMention {
  actor: Actor;
  /** "the enemy": the opponent of whoever speaks; `actor` is Russia's forces until the speaker says otherwise. */
  enemy?: boolean;
  start: number;
  end: number;
  first: number;
  last: number;
}

const actorTrie = new PhraseTrie<Actor>();
for (const actor of actors) {
  for (const alias of [actor.name, ...actor.aliases]) actorTrie.add(alias, actor);
}

const keyed = (words: readonly string[]) => new Set(words.map((w) => tokenKey(w).key));
const demonyms = new Map(Object.entries(actorCues.demonyms).map(([w, side]) => [tokenKey(w).key, side]));
const forceNouns = new Map(Object.entries(actorCues.forceNouns).map(([w, kind]) => [tokenKey(w).key, kind]));
const eventNouns = new Map(Object.entries(actorCues.eventNouns).map(([w, kind]) => [tokenKey(w).key, kind]));
const countries = new Map(Object.entries(actorCues.countries).map(([w, side]) => [tokenKey(w).key, side]));
const speechVerbs = keyed(actorCues.speechVerbs);
const enemyWords = keyed(actorCues.enemyWords);
const actionVerbs = keyed(actorCues.actionVerbs.filter((v) => !v.includes(" ")));
const locatives = keyed(actorCues.locativePrepositions);
const AUXILIARIES = new Set(["has", "have", "had", "is", "was", "were", "will", "would", "also", "then", "now", "not"]);

export function findActorNames(tokens: readonly Token[]): PhraseMatch<Actor>[] {
  return actorTrie.matchAll(tokens);
}

/**
 * Resolve actor mentions. `geoSpans` are token ranges the place matcher also found; where an actor alias
 * coincides with one (Kyiv, Moscow, Minsk), a preceding locative preposition makes it a place, anything
 * else makes it an actor. Returns the mentions and the set of geo spans the actors claimed.
 */
export function resolveActorMentions(
  tokens: readonly Token[],
  names: readonly PhraseMatch<Actor>[],
  geoSpans: ReadonlySet<string>,
): { mentions: ActorMention[]; claimedSpans: Set<string> } {
  const mentions: ActorMention[] = [];
  const claimedSpans = new Set<string>();
  // Tokens inside a mention already found (by index).
  const covered = new Uint8Array(tokens.length + 1);

  for (const match of names) {
    const span = `${match.first}:${match.last}`;
    const actor = match.values[0]!;
    let chosen: Actor | undefined = actor;
    if (geoSpans.has(span)) {
      const force = forceAfter(tokens, match.last);
      const possessive = tokens[match.last - 1]!.possessive;
      if (possessive && force)
        chosen = forceActor(actor.side === "UA" || actor.side === "RU" ? actor.side : undefined, force);
      // "security assistance to Kyiv", "talks with Moscow": the capital stands for its government.
      else if (isGovernmentContext(tokens, match.first)) chosen = actor;
      // "in Kyiv", "missiles struck Kyiv": the place; "Kyiv said", "Kyiv's forces": the government.
      else if (isLocative(tokens, match.first) || STRUCK.has(tokens[match.first - 1]?.key ?? "")) chosen = undefined;
      if (chosen) claimedSpans.add(span);
    }
    if (!chosen) continue;
    // "Kyiv's forces", "Moscow's troops": a possessive capital inside an actor phrase is not a place.
    for (let k = match.first; k < match.last; k++) {
      for (let j = k + 1; j <= match.last; j++) {
        if (geoSpans.has(`${k}:${j}`) && tokens[j - 1]!.possessive) claimedSpans.add(`${k}:${j}`);
      }
    }
    // A ministry or official is named in full; "Russian forces" etc. are already aliases.
    mentions.push({ actor: chosen, start: match.start, end: match.end, first: match.first, last: match.last });
    covered.fill(1, match.first, match.last);
  }

  for (let i = 0; i < tokens.length; i++) {
    if (covered[i]) continue;
    const token = tokens[i]!;
    const demonymSide = demonyms.get(token.key);
    if (demonymSide) {
      const forceAt = forceIndexAfter(tokens, i + 1, covered);
      if (forceAt !== undefined) {
        const kind = forceNouns.get(tokens[forceAt]!.key)!;
        // "air defence(s)" is two tokens: "air" then "defence".
        const airDefence =
          kind === "air" && ["defence", "defense", "defences", "defenses"].includes(tokens[forceAt + 1]?.key ?? "");
        const actor = forceActor(demonymSide, airDefence ? "air-defence" : kind);
        if (actor) {
          const last = airDefence ? forceAt + 2 : forceAt + 1;
          mentions.push({ actor, start: token.start, end: tokens[last - 1]!.end, first: i, last });
          covered.fill(1, i, last);
          i = last - 1;
          continue;
        }
      }
    }
    // "Russian shelling", "Ukrainian strikes", "Ukrainian grenade-launcher fire": right after the demonym or one word
    // on, so "Ukraine faced Russian strikes" is Russia's.
    const nounAt =
      demonymSide === undefined
        ? undefined
        : !covered[i + 1] && eventNouns.has(tokens[i + 1]?.key ?? "")
          ? i + 1
          : !covered[i + 1] && !covered[i + 2] && eventNouns.has(tokens[i + 2]?.key ?? "")
            ? i + 2
            : undefined;
    if (demonymSide && nounAt !== undefined) {
      const actor = forceActor(demonymSide, eventNouns.get(tokens[nounAt]!.key)!);
      if (actor) {
        mentions.push({ actor, start: token.start, end: tokens[nounAt]!.end, first: i, last: nounAt + 1 });
        covered.fill(1, i, nounAt + 1);
        i = nounAt;
        continue;
      }
    }
    // "the enemy", "enemy troops", "enemy forces": the other side, read against the speaker in build-events.
    if (enemyWords.has(token.key)) {
      const forceAt = forceIndexAfter(tokens, i + 1, covered);
      const last = forceAt === i + 1 ? forceAt + 1 : i + 1;
      const actor = forceActor("RU", "military");
      if (actor) {
        mentions.push({ actor, enemy: true, start: token.start, end: tokens[last - 1]!.end, first: i, last });
        covered.fill(1, i, last);
        i = last - 1;
        continue;
      }
    }
    const countrySide = countries.get(token.key);
    if (countrySide && !token.possessive && !geoSpans.has(`${i}:${i + 1}`)) {
      const verb = verbAfter(tokens, i + 1);
      const actor =
        verb && actionVerbs.has(verb)
          ? forceActor(countrySide, "military")
          : verb && speechVerbs.has(verb)
            ? actorById(actorCues.governments[countrySide]!)
            : undefined;
      if (actor) mentions.push({ actor, start: token.start, end: token.end, first: i, last: i + 1 });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, claimedSpans };
}

function forceActor(side: ForceSide | undefined, kind: string): Actor | undefined {
  if (!side) return undefined;
  const id = actorCues.forceActors[side]?.[kind as "military"];
  return id ? actorById(id) : undefined;
}

/** The force noun right after a demonym, allowing up to two modifiers ("Russian tank units"). */
function forceIndexAfter(tokens: readonly Token[], from: number, covered: Uint8Array): number | undefined {
  for (let i = from; i < Math.min(from + 3, tokens.length); i++) {
    if (covered[i]) return undefined;
    if (forceNouns.has(tokens[i]!.key)) return i;
  }
  return undefined;
}

function forceAfter(tokens: readonly Token[], from: number): string | undefined {
  const key = tokens[from]?.key;
  return key !== undefined ? forceNouns.get(key) : undefined;
}

/** The first verb-ish word after a subject, skipping auxiliaries ("Russia has claimed" → "claimed"). */
function verbAfter(tokens: readonly Token[], from: number): string | undefined {
  for (let i = from; i < Math.min(from + 3, tokens.length); i++) {
    const key = tokens[i]!.key;
    if (speechVerbs.has(key) && !AUXILIARIES.has(key)) return key;
    if (actionVerbs.has(key)) return key;
    if (!AUXILIARIES.has(key)) return undefined;
  }
  return undefined;
}

/** "in Kyiv", "over the Kyiv", "in central Kyiv": a locative preposition one or two words before. */
function isLocative(tokens: readonly Token[], first: number): boolean {
  const before = tokens[first - 1]?.key;
  const twoBefore = tokens[first - 2]?.key;
  return (
    (before !== undefined && locatives.has(before)) ||
    (twoBefore !== undefined && locatives.has(twoBefore) && !tokens[first - 1]!.possessive)
  );
}

/** Verbs whose object is a place hit: "missiles struck Kyiv", "drones attacked Moscow". */
const STRUCK = keyed([
  "struck",
  "strike",
  "strikes",
  "hit",
  "hits",
  "attacked",
  "attack",
  "attacks",
  "shelled",
  "shell",
  "bombed",
  "targeted",
  "targeting",
  "pounded",
  "raided",
  "reached",
  "entered",
  "encircled",
]);

/** What a state gives, asks or discusses: a capital after "assistance to", "talks with" is its government. */
const GOVERNMENT_NOUNS = new Set(
  [
    "assistance",
    "aid",
    "support",
    "weapons",
    "arms",
    "supplies",
    "deliveries",
    "help",
    "loan",
    "loans",
    "funding",
    "sanctions",
    "pressure",
    "talks",
    "relations",
    "ties",
    "deal",
    "guarantees",
    "message",
    "demands",
    "offer",
    "proposal",
    "proposals",
    "package",
    "negotiations",
    "ultimatum",
  ].map((w) => tokenKey(w).key),
);
const GOVERNMENT_PREPOSITIONS = new Set(["to", "for", "with", "from", "on", "against"]);

function isGovernmentContext(tokens: readonly Token[], first: number): boolean {
  const preposition = tokens[first - 1]?.key;
  const noun = tokens[first - 2]?.key;
  return (
    preposition !== undefined &&
    GOVERNMENT_PREPOSITIONS.has(preposition) &&
    noun !== undefined &&
    GOVERNMENT_NOUNS.has(noun)
  );
}
