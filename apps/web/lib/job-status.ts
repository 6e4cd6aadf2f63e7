// Server-only: GET /api/jobs/:id's answer, from BullMQ while it keeps the job and from Postgres always.
import "server-only";
import type { ArticleStatus, JobState, JobStatus } from "@frontline/model";
import { withQueueTimeout } from "@frontline/model/ingest";
import { QUEUE_TIMEOUT_MS } from "./queue-timeout.ts";
import type { Services } from "./services.ts";

/** BullMQ's states, folded into the JobState the API promises. */
export function toJobState(state: string): JobState {
  switch (state) {
    case "waiting":
    case "waiting-children":
    case "prioritized":
      return "waiting";
    case "delayed":
    case "active":
    case "completed":
    case "failed":
      return state;
    default:
      return "unknown";
  }
}

/** Once BullMQ has dropped a finished job (retention), the article's final status still says how it ended. */
function stateFromArticle(status: ArticleStatus): JobState {
  // A duplicate was processed: it was found to repeat a stored article, which holds the events.
  if (status === "done" || status === "duplicate") return "completed";
  if (status === "failed") return "failed";
  return "unknown";
}

/**
 * The job's state, unless the article says its work is not finished: a retry, re-enrichment or reconciler run
 * processes the article under another job id while the original job still reads "completed" or "failed".
 * Followers of this id (waitForJob, the dashboard) must wait for that run, not stop at the old outcome.
 */
export function effectiveState(jobState: JobState | null, articleStatus: ArticleStatus | null): JobState {
  if (articleStatus === "processing") return "active";
  if (articleStatus === "queued" && (jobState === "completed" || jobState === "failed")) return "waiting";
  if (jobState !== null) return jobState;
  return articleStatus === null ? "unknown" : stateFromArticle(articleStatus);
}

/**
 * The status of job `id` (an article id), or null when neither Redis nor Postgres knows it. Throws QueueTimeoutError
 * when the queue does not answer within `queueTimeoutMs`.
 */
export async function getJobStatus(
  { db, ingestQueue }: Services,
  id: string,
  queueTimeoutMs = QUEUE_TIMEOUT_MS,
): Promise<JobStatus | null> {
  const [job, article] = await Promise.all([
    withQueueTimeout(
      ingestQueue
        .getJob(id)
        .then(async (j) => j && { state: toJobState(await j.getState()), failedReason: j.failedReason }),
      queueTimeoutMs,
    ),
    db.article.findUnique({
      where: { id },
      select: { id: true, status: true, failureReason: true, _count: { select: { events: true } } },
    }),
  ]);
  if (!job && !article) return null;

  const state = effectiveState(job?.state ?? null, article?.status ?? null);
  return {
    id,
    state,
    articleId: article?.id ?? null,
    articleStatus: article?.status ?? null,
    failedReason: job?.failedReason || article?.failureReason || null,
    events: article ? article._count.events : null,
  };
}
