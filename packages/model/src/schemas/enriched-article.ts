import { z } from "zod";
import { ActorRef, Event, Place } from "./event.ts";
import { CountryCode } from "./taxonomy.ts";

/**
 * Whether a region is where one of the article's events happened ("event") or only named ("mention": the home of
 * victims, where a missile was launched from, a capital standing for its government). Counts by region count
 * event regions only.
 */
export const RegionRole = z.enum(["event", "mention"]);
export type RegionRole = z.infer<typeof RegionRole>;

export const RegionMention = z.object({
  code: z.string(),
  name: z.string(),
  country: CountryCode,
  mentions: z.number().int().positive(),
  /** Absent in output of enrichers before 0.6 (read it as "event"). */
  role: RegionRole.optional(),
});
export type RegionMention = z.infer<typeof RegionMention>;

export const ActorMention = ActorRef.extend({ mentions: z.number().int().positive() });
export type ActorMention = z.infer<typeof ActorMention>;

/** The enricher's output for one article: everything Frontline knows about it, with evidence. */
export const EnrichedArticle = z.object({
  id: z.string(),
  language: z.string(),
  title: z.string().optional(),
  source: z.string().optional(),
  publishedAt: z.iso.date().optional(),
  /** Outlets the text itself credits ("... citing Reuters"). */
  sources: z.array(z.string()).optional(),
  regions: z.array(RegionMention),
  actors: z.array(ActorMention),
  places: z.array(Place).optional(),
  events: z.array(Event),
});
export type EnrichedArticle = z.infer<typeof EnrichedArticle>;
