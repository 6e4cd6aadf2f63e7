import { z } from "zod";

export const ArticleStatus = z.enum(["queued", "processing", "done", "failed", "duplicate"]);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

/** A stored article as the API returns it. */
export const Article = z.object({
  id: z.string(),
  status: ArticleStatus,
  title: z.string().nullable(),
  source: z.string().nullable(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  publishedAt: z.iso.date().nullable(),
  text: z.string().nullable(),
  failureReason: z.string().nullable(),
  receivedAt: z.iso.datetime(),
  processedAt: z.iso.datetime().nullable(),
});
export type Article = z.infer<typeof Article>;
