import { z } from "zod";
import { hasNoNul, nulMessage } from "./storable.ts";

/** Largest accepted article body, in bytes of UTF-8. The API answers 413 above it. */
export const MAX_INGEST_BYTES = 1_000_000;

/**
 * Largest request body POST /api/ingest reads, in bytes: room for the largest html the schema accepts
 * (5 × MAX_INGEST_BYTES) plus the other fields and JSON escaping. Anything bigger is answered 413 unread.
 */
export const MAX_INGEST_BODY_BYTES = 6 * MAX_INGEST_BYTES;

const isoDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time",
});

const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** What a producer (dashboard, API, CLI, feed) asks Frontline to ingest: exactly one of text, url or html. */
export const IngestRequest = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, "text is empty")
      .refine((s) => byteLength(s) <= MAX_INGEST_BYTES, `text is larger than ${MAX_INGEST_BYTES} bytes`)
      .refine(hasNoNul, nulMessage("text"))
      .optional(),
    url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).refine(hasNoNul, nulMessage("url")).optional(),
    html: z
      .string()
      .min(1, "html is empty")
      .refine((s) => byteLength(s) <= MAX_INGEST_BYTES * 5, `html is larger than ${MAX_INGEST_BYTES * 5} bytes`)
      .refine(hasNoNul, nulMessage("html"))
      .optional(),
    title: z.string().trim().max(500).refine(hasNoNul, nulMessage("title")).optional(),
    source: z.string().trim().max(200).refine(hasNoNul, nulMessage("source")).optional(),
    publishedAt: isoDateOrDateTime.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, "language must be an ISO 639 code such as en, uk or ru")
      .optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    const given = [req.text, req.url, req.html].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["text"],
        message: "give exactly one of text, url or html",
      });
    }
  });
export type IngestRequest = z.infer<typeof IngestRequest>;

/** The API's answer to an accepted ingest. */
export const IngestAccepted = z.object({
  jobId: z.string(),
  articleId: z.string(),
  duplicate: z.boolean(),
  status: z.string(),
});
export type IngestAccepted = z.infer<typeof IngestAccepted>;

/** POST /api/ingest's 503: the queue did not answer, but the article is stored (its ids) and will be processed. */
export const IngestQueueUnavailable = IngestAccepted.extend({ error: z.string() });
export type IngestQueueUnavailable = z.infer<typeof IngestQueueUnavailable>;
