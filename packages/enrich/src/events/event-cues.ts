// Loader for rules/event-cues.json. The cues act as ONE pattern, an alternation with one capturing group per cue
// (multi-word cues first), scanned over each clause: findCueHits finds exactly its matches, but at each word start
// tries only the few cues that can start with the word's first characters (see cueStarts).
import { eventTypeById } from "@frontline/model";
import { z } from "zod";
import cuesData from "../../rules/event-cues.json";
import { CaselessPattern } from "../text/caseless.ts";
import { charCodeAt } from "../text/chars.ts";
import { prefixes } from "../text/pattern-prefixes.ts";

const Cue = z.object({
  pattern: z.string().min(1),
  weight: z.number(),
  /** Match as a word prefix (no right word boundary): for Cyrillic stems such as "обстріл". */
  prefix: z.boolean().optional(),
  /**
   * The cue names a consequence or a target ("2 civilians were killed", "an energy facility"), not the act: it
   * names the clause's type only when no other type reaches minScore, and a clause with nothing else is folded
   * into the event before it.
   */
  secondary: z.boolean().optional(),
  /**
   * The cue says that one side fired, not with what ("fired at the positions of"): a clause coded by such cues
   * alone takes its sub-event from the weapon named (see `weapons`).
   */
  weaponDecides: z.boolean().optional(),
});
/** A type whose wording in the sentence narrows it: "a protest ... police detained" is a protest with intervention. */
const Refinement = z.object({
  type: z.string(),
  pattern: z.string().min(1),
  to: z.string(),
});
/**
 * Territory changing hands is coded by who gains it: a force taking ground in its own country regains it, a force
 * taking ground in another country overtakes it (ACLED: "Government regains territory" / "Non-state actor
 * overtakes territory", the latter also for foreign state forces).
 */
const HomeRule = z.object({ home: z.string(), away: z.string() });
/** Weapon words by how they are used: direct fire, indirect fire (and ground-launched missiles), from the air. */
const Weapons = z.object({
  about: z.string().optional(),
  direct: z.string().min(1),
  indirect: z.string().min(1),
  air: z.string().min(1),
});
export const EventCues = z.object({
  minScore: z.number().positive(),
  types: z.record(z.string(), z.array(Cue).min(1)),
  hedges: z.array(z.string()),
  negations: z.array(z.string()),
  refinements: z.array(Refinement),
  territoryByActorHome: HomeRule,
  weapons: Weapons,
});
export type EventCues = z.infer<typeof EventCues>;

interface CompiledCue {
  typeId: string;
  weight: number;
  secondary: boolean;
  weaponDecides: boolean;
}

export interface CueHit {
  typeId: string;
  weight: number;
  /** Index of the cue pattern: a pattern matching twice in a clause ("missiles ... missiles") counts once. */
  cue: number;
  secondary: boolean;
  weaponDecides: boolean;
  start: number;
  end: number;
}

function compile(data: unknown) {
  const cues = EventCues.parse(data);
  const entries: { typeId: string; cue: z.infer<typeof Cue> }[] = [];
  for (const [typeId, typeCues] of Object.entries(cues.types)) {
    if (!eventTypeById(typeId)) throw new Error(`event-cues: unknown event type ${typeId}`);
    for (const cue of typeCues) {
      const probe = new RegExp(`${cue.pattern}|`, "iu").exec("");
      if (probe?.length !== 1)
        throw new Error(`event-cues: pattern for ${typeId} has a capturing group: ${cue.pattern}`);
      entries.push({ typeId, cue });
    }
  }
  // A regex alternation takes the first alternative that matches at a position, not the longest. Trying
  // multi-word cues first lets "advance had been stopped" beat the bare "advance".
  const words = (pattern: string) => pattern.split(" ").length;
  entries.sort((a, b) => words(b.cue.pattern) - words(a.cue.pattern));
  const table: CompiledCue[] = entries.map(({ typeId, cue }) => ({
    typeId,
    weight: cue.weight,
    secondary: cue.secondary ?? false,
    weaponDecides: cue.weaponDecides ?? false,
  }));
  const known = (typeId: string) => {
    if (!eventTypeById(typeId)) throw new Error(`event-cues: unknown event type ${typeId}`);
    return typeId;
  };
  const refinements = cues.refinements.map((r) => ({
    type: known(r.type),
    to: known(r.to),
    pattern: new CaselessPattern(`(?<![\\p{L}])(?:${r.pattern})`),
  }));
  const territory = { home: known(cues.territoryByActorHome.home), away: known(cues.territoryByActorHome.away) };
  const groups = entries.map(({ cue }) => `((?:${cue.pattern})${cue.prefix ? "" : "(?![\\p{L}\\p{N}])"})`);
  const wordList = (list: string[]) => new CaselessPattern(`(?<![\\p{L}])(?:${list.join("|")})(?![\\p{L}])`);
  return {
    minScore: cues.minScore,
    typeOrder: Object.keys(cues.types),
    table,
    starts: cueStarts(groups.map(lowerSource)),
    pattern: new RegExp(`${CUE_START}(?:${groups.join("|")})`, "giu"),
    hedge: wordList(cues.hedges),
    negation: wordList(cues.negations),
    refinements,
    territory,
    weapons: {
      direct: wordList([cues.weapons.direct]),
      indirect: wordList([cues.weapons.indirect]),
      air: wordList([cues.weapons.air]),
    },
  };
}

/** A cue starts a word: not right after a letter, digit or hyphen. */
const CUE_START = "(?<![\\p{L}\\p{N}-])";

// Matching lower-cased text without the i flag is several times faster than case-insensitive Unicode matching.
const lowerSource = (source: string) =>
  source
    .toLowerCase()
    .replace(/\\p\{l\}/g, "\\p{L}")
    .replace(/\\p\{n\}/g, "\\p{N}");

/**
 * The cues that can start with some characters, as one sticky pattern (group k is cue `cues[k - 1]`), compiled on
 * first use: most are never needed, and compiling the Unicode classes of all of them took a tenth of a second.
 */
interface CueBucket {
  source: string;
  cues: number[];
  pattern?: RegExp;
}

/** A node of the trie of cue starts (see cueStarts), for the characters on the path to it. */
interface StartNode {
  /** Children by character code, at `code - low`: a node's children are few and close together. */
  low: number;
  children: (StartNode | undefined)[];
  /** The cues that can start with the characters on the path, whatever follows them. */
  bucket: CueBucket | undefined;
}

/** How many characters of a cue's start the trie tells apart: enough that most words try no cue at all. */
const START_LENGTH = 6;

/**
 * A trie of the first few characters the (lower-cased) cues can start with. At a word start, only the cues that
 * can start with its first characters are tried (none at most words), in their order in the one pattern of all
 * cues: the bucket's alternation then takes the same cue, with the same match, as that pattern would at that
 * position. The buckets leave out CUE_START, which the caller checks: a Unicode-class lookbehind costs V8 more
 * than the rest of a failed try. Trying all 80-odd cues at every word start was a fifth of an article's
 * enrichment.
 */
function cueStarts(sources: string[]): StartNode {
  // The trie as maps first, with the cues whose start ends at each node.
  interface Draft {
    next: Map<number, Draft>;
    ending: number[];
  }
  const root: Draft = { next: new Map(), ending: [] };
  sources.forEach((source, i) => {
    const start = prefixes(source, START_LENGTH);
    for (const text of start === "any" ? [""] : start) {
      let node = root;
      for (let j = 0; j < text.length; j++) {
        let child = node.next.get(text.charCodeAt(j));
        if (!child) {
          child = { next: new Map(), ending: [] };
          node.next.set(text.charCodeAt(j), child);
        }
        node = child;
      }
      if (!node.ending.includes(i)) node.ending.push(i);
    }
  });
  // Nodes with the same cues share one pattern.
  const shared = new Map<string, CueBucket>();
  // A node's cues: those with a start ending on its path (the text there starts with it), in pattern order.
  const build = (draft: Draft, above: number[]): StartNode => {
    const cues = [...above, ...draft.ending].sort((a, b) => a - b);
    const key = cues.join();
    if (cues.length > 0 && !shared.has(key)) shared.set(key, { source: cues.map((i) => sources[i]).join("|"), cues });
    const codes = [...draft.next.keys()];
    // An integer even for a leaf (Math.min() is Infinity): a double there made V8 do this arithmetic in floating point.
    const low = codes.length === 0 ? 0 : Math.min(...codes);
    const children: (StartNode | undefined)[] = new Array(codes.length === 0 ? 0 : Math.max(...codes) - low + 1);
    children.fill(undefined);
    for (const [code, child] of draft.next) children[code - low] = build(child, cues);
    return { low, children, bucket: shared.get(key) };
  };
  return build(root, []);
}

/** The child of `node` by a character, if any. */
function childOf(node: StartNode, code: number): StartNode | undefined {
  const k = code - node.low;
  return k >= 0 && k < node.children.length ? node.children[k] : undefined;
}

const compiled = compile(cuesData);
export const minScore = compiled.minScore;
export const typeOrder = compiled.typeOrder;

/**
 * Every cue occurrence in `text[start, end)`, with absolute offsets. `lower`: that text lower-cased (toLowerCase),
 * when the caller has it.
 */
export function findCueHits(text: string, start: number, end: number, lower?: string): CueHit[] {
  const original = text.slice(start, end);
  const lowered = lower ?? original.toLowerCase();
  // Lower-casing can change the length of a few exotic characters; then offsets need the slow pattern.
  return lowered.length === original.length ? lowerCueHits(lowered, start) : slowCueHits(original, start);
}

/**
 * The matches of the one pattern of all cues (lower-cased, without the i flag) over `slice`, as its global scan
 * finds them: from left to right, at each position where CUE_START holds, the bucket of the characters there.
 */
function lowerCueHits(slice: string, start: number): CueHit[] {
  const hits: CueHit[] = [];
  let p = 0;
  while (p < slice.length) {
    const bucket = cueMayStart(slice, p) ? bucketAt(slice, p) : undefined;
    if (bucket === undefined) {
      p++;
      continue;
    }
    bucket.pattern ??= new RegExp(bucket.source, "uy");
    bucket.pattern.lastIndex = p;
    const m = bucket.pattern.exec(slice);
    if (m === null) {
      p++;
      continue;
    }
    hits.push(hitOf(m, bucket.cues, start + p));
    // A global scan goes on after the match (an empty one cannot happen: no cue matches "").
    p += Math.max(1, m[0].length);
  }
  return hits;
}

/** The cues that can start at `p`: those of the deepest trie node the text there leads to. */
function bucketAt(slice: string, p: number): CueBucket | undefined {
  // The second half of a surrogate pair is not a position a /u pattern tries.
  const code = charCodeAt(slice, p);
  if (code >= 0xdc00 && code <= 0xdfff && p > 0 && isHighSurrogate(charCodeAt(slice, p - 1))) return undefined;
  let node = compiled.starts;
  for (let j = p; j < slice.length && j < p + START_LENGTH; j++) {
    const child = childOf(node, charCodeAt(slice, j));
    if (child === undefined) break;
    node = child;
  }
  return node.bucket;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

const CUE_START_AT = new RegExp(CUE_START, "uy");

/** CUE_START at `p`; decided without the regex when the character before is ASCII, as it nearly always is. */
function cueMayStart(slice: string, p: number): boolean {
  if (p === 0) return true;
  const c = charCodeAt(slice, p - 1);
  if (c >= 0x80) {
    CUE_START_AT.lastIndex = p;
    return CUE_START_AT.test(slice);
  }
  return !((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d);
}

function slowCueHits(original: string, start: number): CueHit[] {
  const hits: CueHit[] = [];
  const all = compiled.table.map((_, i) => i);
  // The shared regex is reused (not cloned) to avoid recompiling it per clause; lastIndex is reset here.
  const pattern = compiled.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(original); m !== null; m = pattern.exec(original))
    hits.push(hitOf(m, all, start + m.index));
  return hits;
}

/** The hit of a match of cue groups: the cue is the one capturing group that took part in the match. */
function hitOf(m: RegExpExecArray, cues: readonly number[], at: number): CueHit {
  let group = 1;
  while (group < m.length && m[group] === undefined) group++;
  const index = cues[group - 1]!;
  const cue = compiled.table[index]!;
  return {
    typeId: cue.typeId,
    weight: cue.weight,
    cue: index,
    secondary: cue.secondary,
    weaponDecides: cue.weaponDecides,
    start: at,
    end: at + m[0].length,
  };
}

// `lower` below: the text lowerForMatching lower-cased (see caseless.ts), or undefined.

export function isHedged(textBefore: string, lower: string | undefined): boolean {
  return compiled.hedge.test(textBefore, lower);
}

/** A negation in the few words right before a cue ("did not advance", "no strikes"). */
export function isNegated(textBefore: string, lower: string | undefined): boolean {
  return compiled.negation.test(textBefore.slice(-24), lower?.slice(-24));
}

/** The narrower type the sentence's wording gives a type, if any (first matching refinement wins). */
export function refineType(typeId: string, sentenceText: string, lower: string | undefined): string {
  for (const r of compiled.refinements) if (r.type === typeId && r.pattern.test(sentenceText, lower)) return r.to;
  return typeId;
}

/** The territory type for a force gaining ground at home (regains) or abroad (overtakes). */
export function territoryType(typeId: string, atHome: boolean): string {
  const { home, away } = compiled.territory;
  if (typeId !== home && typeId !== away) return typeId;
  return atHome ? home : away;
}

export interface WeaponClasses {
  direct: boolean;
  indirect: boolean;
  air: boolean;
}

/** Which kinds of weapon a clause names (rules/event-cues.json `weapons`). */
export function weaponClasses(text: string, lower: string | undefined): WeaponClasses {
  const { direct, indirect, air } = compiled.weapons;
  return { direct: direct.test(text, lower), indirect: indirect.test(text, lower), air: air.test(text, lower) };
}

const FIRE_TYPES = new Set(["armed-clash", "shelling", "missile-strike"]);

/**
 * ACLED's rule that the weapon decides the sub-event of fire between armed groups: direct fire is an armed clash,
 * aircraft and drones alone an air/drone strike, and a clash coded only from "fired at ..." is shelling when the
 * weapon named is indirect. `weaponDecidedOnly`: every cue of the type was a weaponDecides cue.
 */
export function typeByWeapon(typeId: string, weaponDecidedOnly: boolean, classes: () => WeaponClasses): string {
  if (!FIRE_TYPES.has(typeId)) return typeId;
  const weapons = classes();
  if (weapons.direct) return "armed-clash";
  if (weapons.air && !weapons.indirect) return "air-drone-strike";
  if (typeId === "armed-clash" && weaponDecidedOnly && weapons.indirect) return "shelling";
  return typeId;
}
