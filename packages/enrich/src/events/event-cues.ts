// Loader for rules/event-cues.json. All cue patterns are compiled into ONE regex at module load, with
// one capturing group per cue, so scoring a clause is a single scan whatever the number of cues.
import { eventTypeById } from "@frontline/model";
import { z } from "zod";
import cuesData from "../../rules/event-cues.json";
import { BoundedPattern } from "../text/bounded-pattern.ts";

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
export const EventCues = z.object({
  minScore: z.number().positive(),
  types: z.record(z.string(), z.array(Cue).min(1)),
  hedges: z.array(z.string()),
  negations: z.array(z.string()),
  refinements: z.array(Refinement),
  territoryByActorHome: HomeRule,
});
export type EventCues = z.infer<typeof EventCues>;

interface CompiledCue {
  typeId: string;
  weight: number;
  secondary: boolean;
}

export interface CueHit {
  typeId: string;
  weight: number;
  /** Index of the cue pattern: a pattern matching twice in a clause ("missiles ... missiles") counts once. */
  cue: number;
  secondary: boolean;
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
  }));
  const known = (typeId: string) => {
    if (!eventTypeById(typeId)) throw new Error(`event-cues: unknown event type ${typeId}`);
    return typeId;
  };
  const refinements = cues.refinements.map((r) => ({
    type: known(r.type),
    to: known(r.to),
    pattern: new BoundedPattern(`(?<![\\p{L}])(?:${r.pattern})`, "iu"),
  }));
  const territory = { home: known(cues.territoryByActorHome.home), away: known(cues.territoryByActorHome.away) };
  const groups = entries.map(({ cue }) => `((?:${cue.pattern})${cue.prefix ? "" : "(?![\\p{L}\\p{N}])"})`);
  const wordList = (list: string[]) => new BoundedPattern(`(?<![\\p{L}])(?:${list.join("|")})(?![\\p{L}])`, "iu");
  return {
    minScore: cues.minScore,
    typeOrder: Object.keys(cues.types),
    table,
    // Matching lower-cased text without the i flag is several times faster than case-insensitive Unicode matching.
    // The cue pattern keeps its lookbehind (unlike the word lists below): its many short alternatives match inside
    // words so often that checking the lookbehind afterwards costs more than it saves.
    lowerPattern: new RegExp(
      `(?<![\\p{L}\\p{N}-])(?:${groups
        .join("|")
        .toLowerCase()
        .replace(/\\p\{l\}/g, "\\p{L}")
        .replace(/\\p\{n\}/g, "\\p{N}")})`,
      "gu",
    ),
    pattern: new RegExp(`(?<![\\p{L}\\p{N}-])(?:${groups.join("|")})`, "giu"),
    hedge: wordList(cues.hedges),
    negation: wordList(cues.negations),
    refinements,
    territory,
  };
}

const compiled = compile(cuesData);
export const minScore = compiled.minScore;
export const typeOrder = compiled.typeOrder;

/** Every cue occurrence in `text[start, end)`, with absolute offsets. */
export function findCueHits(text: string, start: number, end: number): CueHit[] {
  const hits: CueHit[] = [];
  const original = text.slice(start, end);
  const lowered = original.toLowerCase();
  // Lower-casing can change the length of a few exotic characters; then offsets need the slow pattern.
  const sameLength = lowered.length === original.length;
  const slice = sameLength ? lowered : original;
  // The shared regex is reused (not cloned) to avoid recompiling it per clause; lastIndex is reset here.
  const pattern = sameLength ? compiled.lowerPattern : compiled.pattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
    // The cue is the one capturing group that took part in the match.
    let group = 1;
    while (group < m.length && m[group] === undefined) group++;
    const cue = compiled.table[group - 1];
    if (cue)
      hits.push({
        typeId: cue.typeId,
        weight: cue.weight,
        cue: group - 1,
        secondary: cue.secondary,
        start: start + m.index,
        end: start + m.index + m[0].length,
      });
  }
  return hits;
}

export function isHedged(textBefore: string): boolean {
  return compiled.hedge.test(textBefore);
}

/** A negation in the few words right before a cue ("did not advance", "no strikes"). */
export function isNegated(textBefore: string): boolean {
  const window = textBefore.slice(-24);
  return compiled.negation.test(window);
}

/** The narrower type the sentence's wording gives a type, if any (first matching refinement wins). */
export function refineType(typeId: string, sentenceText: string): string {
  for (const r of compiled.refinements) if (r.type === typeId && r.pattern.test(sentenceText)) return r.to;
  return typeId;
}

/** The territory type for a force gaining ground at home (regains) or abroad (overtakes). */
export function territoryType(typeId: string, atHome: boolean): string {
  const { home, away } = compiled.territory;
  if (typeId !== home && typeId !== away) return typeId;
  return atHome ? home : away;
}
