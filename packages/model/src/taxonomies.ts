// Frontline's taxonomies: data files in ../taxonomy, validated against their schemas when first imported.
// Analysts extend them by editing the JSON; a malformed entry fails loudly here and in the model's tests.
// The loaded data is deeply frozen: lookups hand out shared objects, so nobody may change them in place.
import { z } from "zod";
import actorsData from "../taxonomy/actors.json" with { type: "json" };
import eventTypesData from "../taxonomy/event-types.json" with { type: "json" };
import regionsData from "../taxonomy/regions.json" with { type: "json" };
import { type AcledCrosswalk, Actor, EventType, Region } from "./schemas/taxonomy.ts";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function load<T extends z.ZodType>(name: string, schema: T, data: unknown, key: (item: z.infer<T>) => string) {
  const parsed = z.array(schema).safeParse(data);
  if (!parsed.success) throw new Error(`taxonomy ${name} is invalid: ${z.prettifyError(parsed.error)}`);
  const items = parsed.data as z.infer<T>[];
  const byKey = new Map<string, z.infer<T>>();
  for (const item of items) {
    const k = key(item);
    if (byKey.has(k)) throw new Error(`taxonomy ${name} has a duplicate key: ${k}`);
    deepFreeze(item);
    byKey.set(k, item);
  }
  return { items: Object.freeze(items) as readonly z.infer<T>[], byKey: byKey as ReadonlyMap<string, z.infer<T>> };
}

const regionTable = load("regions", Region, regionsData, (r) => r.code);
const actorTable = load("actors", Actor, actorsData, (a) => a.id);
const eventTypeTable = load("event-types", EventType, eventTypesData, (t) => t.id);

export const regions: readonly Region[] = regionTable.items;
export const actors: readonly Actor[] = actorTable.items;
export const eventTypes: readonly EventType[] = eventTypeTable.items;

export const regionByCode = (code: string): Region | undefined => regionTable.byKey.get(code);
export const actorById = (id: string): Actor | undefined => actorTable.byKey.get(id);
export const eventTypeById = (id: string): EventType | undefined => eventTypeTable.byKey.get(id);

/** Frontline event types that map to an ACLED event type (and sub-event type, when given). */
export function eventTypesForAcled(acled: { eventType: string; subEventType?: string }): readonly EventType[] {
  return eventTypes.filter(
    (t) =>
      t.acled.eventType === acled.eventType &&
      (acled.subEventType === undefined || t.acled.subEventType === acled.subEventType),
  );
}

/** Frontline event types that map to a PLOVER event category, e.g. "FIGHT" or "PROTEST". */
export function eventTypesForPlover(plover: string): readonly EventType[] {
  return eventTypes.filter((t) => t.plover === plover);
}

/** The ACLED event type and sub-event type an event type id maps to, or undefined for an unknown id. */
export function acledCrosswalk(eventTypeId: string): AcledCrosswalk | undefined {
  return eventTypeById(eventTypeId)?.acled;
}
