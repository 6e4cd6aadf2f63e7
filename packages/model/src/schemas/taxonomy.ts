import { z } from "zod";

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 code");

/** A first-level administrative region, keyed by its ISO 3166-2 code. */
export const Region = z.object({
  code: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, "ISO 3166-2 code such as UA-12 or RU-KRS"),
  name: z.string().min(1),
  country: CountryCode,
  kind: z.enum(["oblast", "city", "autonomous-republic", "republic", "krai", "federal-city", "autonomous-okrug"]),
  /** Other names the region goes by: transliterations, Ukrainian and Russian spellings, adjectival forms. */
  aliases: z.array(z.string().min(1)),
  /** Administrative centre, for a map point and for disambiguation. */
  capital: z.string().optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Region = z.infer<typeof Region>;

export const ActorKind = z.enum([
  "military",
  "military-branch",
  "government",
  "person",
  "armed-group",
  "civilians",
  "protesters",
  "international",
  "police",
]);
export type ActorKind = z.infer<typeof ActorKind>;

/** A canonical actor; `side` says which belligerent it belongs to, for "actor1 side" scoring. */
export const Actor = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  country: CountryCode.optional(),
  kind: ActorKind,
  side: z.enum(["RU", "UA", "other"]),
  /** ACLED's actor name, where ACLED codes this actor. */
  acledName: z.string().optional(),
  aliases: z.array(z.string().min(1)),
});
export type Actor = z.infer<typeof Actor>;

export const AcledEventType = z.enum([
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
]);

export const AcledCrosswalk = z.object({
  eventType: AcledEventType,
  subEventType: z.string().min(1),
});
export type AcledCrosswalk = z.infer<typeof AcledCrosswalk>;

/** One of Frontline's event types, with its crosswalks to ACLED and PLOVER. */
export const EventType = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  description: z.string().min(1),
  acled: AcledCrosswalk,
  plover: z.string().min(1),
});
export type EventType = z.infer<typeof EventType>;
