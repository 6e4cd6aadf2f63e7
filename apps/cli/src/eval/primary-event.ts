// What an enriched article says about "its" event, for datasets that label one event per article (UCDP rows,
// ACLED-style notes). The enricher orders events with the primary event first.
import { type ActorRef, actorById, type EnrichedArticle } from "@frontline/model";

export type Side = "RU" | "UA" | "other";

/** The primary event's region, else the article's most-mentioned region (first listed on a tie). */
export function predictedRegion(article: EnrichedArticle): string | undefined {
  const fromEvent = article.events[0]?.region?.code;
  if (fromEvent) return fromEvent;
  let best: { code: string; mentions: number } | undefined;
  for (const region of article.regions) if (!best || region.mentions > best.mentions) best = region;
  return best?.code;
}

/** The belligerent side of an actor, looked up in the actors taxonomy. */
export function sideOf(actor: ActorRef | undefined): Side | undefined {
  return actor ? actorById(actor.id)?.side : undefined;
}

export const predictedActor1Side = (article: EnrichedArticle): Side | undefined => sideOf(article.events[0]?.actor1);

/** "Explosions/Remote violence / Air/drone strike": one readable label for an ACLED pair. */
export const acledLabel = (eventType: string, subEventType: string): string => `${eventType} / ${subEventType}`;
