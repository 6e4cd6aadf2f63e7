// Loader for rules/actor-cues.json: how generic wording ("Ukrainian troops", "Russia says") maps to actors.
import { actorById } from "@frontline/model";
import { z } from "zod";
import cuesData from "../../rules/actor-cues.json";

const Side = z.enum(["RU", "UA"]);
/** Whose forces a demonym names: a belligerent, or the Donetsk/Luhansk formations (ACLED's NAF). */
const ForceSide = z.enum(["RU", "UA", "NAF"]);
const ForceKind = z.enum(["military", "air", "navy", "air-defence", "police"]);

export const ActorCues = z.object({
  demonyms: z.record(z.string(), ForceSide),
  /** Words for "the other side" ("the enemy attacked"): the opponent of whoever speaks, Russia's forces if nobody. */
  enemyWords: z.array(z.string()),
  forceNouns: z.record(z.string(), ForceKind),
  /** Acts named after their side, right after the demonym: "Russian shelling", "Ukrainian strikes" → that side's force. */
  eventNouns: z.record(z.string(), ForceKind),
  forceActors: z.record(ForceSide, z.record(ForceKind, z.string())),
  countries: z.record(z.string(), Side),
  governments: z.record(Side, z.string()),
  speechVerbs: z.array(z.string()),
  actionVerbs: z.array(z.string()),
  locativePrepositions: z.array(z.string()),
  unattributedAttacker: z.object({
    about: z.string().optional(),
    types: z.array(z.string()),
    heldBy: z.record(z.string(), Side),
    opponent: z.record(Side, Side),
    /** Before `before`, in these regions, a strike no force is named for stays unattributed. */
    contactLine: z.object({ before: z.iso.date(), regions: z.array(z.string()) }),
  }),
  /** Event types whose actor1 is set by role: `kinds` it must be of, `byCountry` when the text names none. */
  actor1ByType: z.object({
    about: z.string().optional(),
    types: z.record(
      z.string(),
      z.object({ kinds: z.array(z.string()).optional(), byCountry: z.record(z.string(), z.string()) }),
    ),
  }),
  /** Actors read as another in an earlier period (Russia's forces in Donbas before 2022 are ACLED's NAF). */
  eraActors: z.object({
    about: z.string().optional(),
    rules: z.array(
      z.object({
        actors: z.array(z.string()).min(1),
        before: z.iso.date(),
        regions: z.array(z.string()).min(1),
        becomes: z.string(),
      }),
    ),
  }),
  /** Remote violence that hits civilians or civilian places: actor2 is the civilians of the event's country. */
  civilianTarget: z.object({
    about: z.string().optional(),
    types: z.array(z.string()),
    pattern: z.string().min(1),
    byCountry: z.record(z.string(), z.string()),
  }),
});
export type ActorCues = z.infer<typeof ActorCues>;
export type Side = z.infer<typeof Side>;
export type ForceSide = z.infer<typeof ForceSide>;

function load(data: unknown): ActorCues {
  const cues = ActorCues.parse(data);
  const ids = [
    ...Object.values(cues.forceActors).flatMap((m) => Object.values(m)),
    ...Object.values(cues.governments),
    ...Object.values(cues.actor1ByType.types).flatMap((rule) => Object.values(rule.byCountry)),
    ...cues.eraActors.rules.flatMap((rule) => [...rule.actors, rule.becomes]),
    ...Object.values(cues.civilianTarget.byCountry),
  ];
  for (const id of ids) if (!actorById(id)) throw new Error(`actor-cues: unknown actor ${id}`);
  return cues;
}

export const actorCues = load(cuesData);
