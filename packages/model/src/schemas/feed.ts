import { z } from "zod";
import { hasNoNul, nulMessage } from "./storable.ts";

/** Default and bounds of a feed's poll interval, in seconds. */
export const DEFAULT_FEED_INTERVAL_SECONDS = 900;
export const MIN_FEED_INTERVAL_SECONDS = 60;
export const MAX_FEED_INTERVAL_SECONDS = 24 * 3600;

/** POST /api/feeds, `frontline feeds add`: subscribe to an RSS or Atom feed. */
export const FeedCreate = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).refine(hasNoNul, nulMessage("url")),
    title: z.string().trim().min(1).max(300).refine(hasNoNul, nulMessage("title")).optional(),
    intervalSeconds: z.coerce
      .number()
      .int()
      .min(MIN_FEED_INTERVAL_SECONDS, `intervalSeconds must be at least ${MIN_FEED_INTERVAL_SECONDS}`)
      .max(MAX_FEED_INTERVAL_SECONDS, `intervalSeconds must be at most ${MAX_FEED_INTERVAL_SECONDS}`)
      .optional(),
  })
  .strict();
export type FeedCreate = z.infer<typeof FeedCreate>;

/** A subscribed feed as the API returns it, with its polling state. */
export const FeedView = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string().nullable(),
  intervalSeconds: z.number().int(),
  /** Consecutive failed polls; while > 0 the feed is polled less often (doubling, at most daily). */
  failures: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  lastPolledAt: z.iso.datetime().nullable(),
  lastSuccessAt: z.iso.datetime().nullable(),
  nextPollAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** Items seen so far (each became one URL ingest). */
  items: z.number().int().nonnegative(),
});
export type FeedView = z.infer<typeof FeedView>;

export const FeedList = z.object({ feeds: z.array(FeedView) });
export type FeedList = z.infer<typeof FeedList>;

export const FeedIdParams = z.object({ id: z.uuid({ error: "id must be a feed id (UUID)" }) });
