import { z } from "zod";
import { ArticleStatus } from "./article.ts";

export const JobState = z.enum(["waiting", "delayed", "active", "completed", "failed", "unknown"]);
export type JobState = z.infer<typeof JobState>;

/** GET /api/jobs/:id. The article's status comes from Postgres, so it survives the job's retention. */
export const JobStatus = z.object({
  id: z.string(),
  state: JobState,
  articleId: z.string().nullable(),
  articleStatus: ArticleStatus.nullable(),
  failedReason: z.string().nullable(),
  events: z.number().int().nonnegative().nullable(),
});
export type JobStatus = z.infer<typeof JobStatus>;
