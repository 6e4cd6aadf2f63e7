import { z } from "zod";
import { CountMode, eventFilterFields } from "./api.ts";

/** Time-series bucket of GET /api/stats: days, or ISO weeks (each point dated by its Monday). */
export const SeriesBucket = z.enum(["day", "week"]);
export type SeriesBucket = z.infer<typeof SeriesBucket>;

/**
 * Query of GET /api/stats: an optional inclusive date window on event dates (or publish dates), plus the same
 * filters as GET /api/events (region, actor, type, source, claim), what to count and the series bucket.
 */
export const StatsQuery = z
  .object({
    ...eventFilterFields,
    /** Default `incidents`. */
    count: CountMode.optional(),
    /** Bucket of `series`; default `week`. */
    bucket: SeriesBucket.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] });
export type StatsQuery = z.infer<typeof StatsQuery>;

const Count = { events: z.number().int().nonnegative(), articles: z.number().int().nonnegative() };

export const StatsResponse = z.object({
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
  totals: z.object({ ...Count }),
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), country: z.string(), ...Count })),
  byActor: z.array(z.object({ id: z.string(), name: z.string(), ...Count })),
  byEventType: z.array(z.object({ type: z.string(), label: z.string(), events: z.number().int().nonnegative() })),
  /** When the newest article was processed; null when nothing has been. */
  latestAt: z.iso.datetime().nullable(),
  /** What was counted (added in 0.2.x; absent from older servers, which counted mentions). */
  count: CountMode.optional(),
  /** Event counts per article source (outlet); articles without a source are left out. */
  bySource: z.array(z.object({ source: z.string(), ...Count })).optional(),
  /** Event counts per claim status; events without one are left out. */
  byClaim: z.array(z.object({ claim: z.string(), events: z.number().int().nonnegative() })).optional(),
  /** Events per time bucket and event type, oldest first. */
  series: z
    .object({
      bucket: SeriesBucket,
      points: z.array(z.object({ date: z.iso.date(), type: z.string(), events: z.number().int().nonnegative() })),
    })
    .optional(),
  /** Events at named places with coordinates (the map's points), most events first, at most 500. */
  places: z
    .array(
      z.object({
        name: z.string(),
        regionCode: z.string().nullable(),
        lat: z.number(),
        lon: z.number(),
        events: z.number().int().nonnegative(),
      }),
    )
    .optional(),
});
export type StatsResponse = z.infer<typeof StatsResponse>;
