import { z } from "zod";

/** Query of GET /api/stats: an optional inclusive date window on event dates (or publish dates). */
export const StatsQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
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
});
export type StatsResponse = z.infer<typeof StatsResponse>;
