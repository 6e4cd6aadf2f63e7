import { z } from "zod";
import { AcledCrosswalk, ActorKind, CountryCode } from "./taxonomy.ts";

/** An actor as it appears on an event or article: the canonical entry without its aliases. */
export const ActorRef = z.object({
  id: z.string(),
  name: z.string(),
  country: CountryCode.optional(),
  kind: ActorKind,
  acledName: z.string().optional(),
});
export type ActorRef = z.infer<typeof ActorRef>;

export const RegionRef = z.object({ code: z.string(), name: z.string() });
export type RegionRef = z.infer<typeof RegionRef>;

export const Place = z.object({
  name: z.string().min(1),
  regionCode: z.string().optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /**
   * Set when no source gives the settlement's own point: lat/lon are then the centre of its hromada (or raion), a
   * few kilometres off. The settlement itself is known.
   */
  approximate: z.enum(["hromada", "raion"]).optional(),
});
export type Place = z.infer<typeof Place>;

export const DatePrecision = z.enum(["day", "week", "month", "year"]);
export type DatePrecision = z.infer<typeof DatePrecision>;

/** A resolved date; `value` is the first day of the period for coarser precisions. */
export const EventDate = z.object({
  value: z.iso.date(),
  precision: DatePrecision,
  /**
   * Where the date came from: "publication" when the text gives none and the article's publication date stands in
   * (the event happened then or shortly before). Absent when the text gives the date.
   */
  basis: z.enum(["text", "publication"]).optional(),
});
export type EventDate = z.infer<typeof EventDate>;

export const ClaimStatus = z.enum(["reported", "claimed", "denied", "contested"]);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/** Who says an event happened, and how firmly. */
export const Claim = z.object({
  status: ClaimStatus,
  by: z.string().optional(),
  /** Who denies it, when a claim and its denial make the event contested. */
  disputedBy: z.string().optional(),
});
export type Claim = z.infer<typeof Claim>;

export const Quantity = z.object({
  value: z.number(),
  /** What is counted: drones, prisoners, km, fatalities, ... */
  unit: z.string().min(1),
  text: z.string(),
});
export type Quantity = z.infer<typeof Quantity>;

/** The sentence an event came from; start/end are character offsets into the stored article text. */
export const Evidence = z
  .object({
    text: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((e) => e.end > e.start, { message: "evidence.end must be after evidence.start", path: ["end"] });
export type Evidence = z.infer<typeof Evidence>;

export const Event = z.object({
  /** Frontline event type id (see the event-types taxonomy). */
  type: z.string(),
  acled: AcledCrosswalk,
  actor1: ActorRef.optional(),
  actor2: ActorRef.optional(),
  region: RegionRef.optional(),
  place: Place.optional(),
  date: EventDate.optional(),
  claim: Claim.optional(),
  quantities: z.array(Quantity).optional(),
  evidence: Evidence,
  confidence: z.number().min(0).max(1),
  /**
   * The sentence recalls something that happened well before the article ("withdrew from Kherson in November
   * 2022"): kept with its evidence, but never the primary event, and not stored as a new event.
   */
  background: z.boolean().optional(),
});
export type Event = z.infer<typeof Event>;
