import { z } from "zod";
import { ActorRef, Event, Place } from "./event.ts";
import { CountryCode } from "./taxonomy.ts";

export const RegionMention = z.object({
  code: z.string(),
  name: z.string(),
  country: CountryCode,
  mentions: z.number().int().positive(),
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
