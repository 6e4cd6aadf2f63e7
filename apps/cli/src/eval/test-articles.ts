// Hand-made enricher outputs for the scoring tests: only the fields a scorer reads, with schema-valid filler.
import type { EnrichedArticle, Event } from "@frontline/model";
import { actorById } from "@frontline/model";

export function testEvent(
  eventType: Event["acled"]["eventType"],
  subEventType: string,
  extra: {
    region?: string;
    actor1?: string;
    claim?: Event["claim"];
    date?: Event["date"];
    quantities?: number[];
    /** Quantities in the "killed" unit (the eval's death count). */
    killed?: number[];
    place?: { name: string; regionCode?: string };
  } = {},
): Event {
  const actor = extra.actor1 ? actorById(extra.actor1) : undefined;
  if (extra.actor1 && !actor) throw new Error(`no actor ${extra.actor1} in the taxonomy`);
  return {
    type: "test",
    acled: { eventType, subEventType },
    ...(actor
      ? {
          actor1: {
            id: actor.id,
            name: actor.name,
            kind: actor.kind,
            ...(actor.acledName ? { acledName: actor.acledName } : {}),
          },
        }
      : {}),
    ...(extra.region ? { region: { code: extra.region, name: extra.region } } : {}),
    ...(extra.claim ? { claim: extra.claim } : {}),
    ...(extra.date ? { date: extra.date } : {}),
    ...(extra.quantities || extra.killed
      ? {
          quantities: [
            ...(extra.quantities ?? []).map((value) => ({ value, unit: "items", text: String(value) })),
            ...(extra.killed ?? []).map((value) => ({ value, unit: "killed", text: `${value} killed` })),
          ],
        }
      : {}),
    ...(extra.place ? { place: { ...extra.place, lat: 48, lon: 37 } } : {}),
    evidence: { text: "test", start: 0, end: 4 },
    confidence: 0.5,
  };
}

export function testArticle(parts: Partial<EnrichedArticle> = {}): EnrichedArticle {
  return { id: "t", language: "en", regions: [], actors: [], events: [], ...parts };
}
