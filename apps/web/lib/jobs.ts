// Server-only: GET /api/jobs (recent ingest jobs) and POST /api/jobs/:id/retry.
import "server-only";
import { withQueueTimeout } from "@frontline/model/ingest";
import { IngestJob } from "@frontline/model/queues";
import {
  type JobsList,
  type JobsQuery,
  type JobState,
  type RetryAccepted,
  JobsList as JobsListSchema,
} from "@frontline/model";
import { toJobState } from "./job-status.ts";
import { QUEUE_TIMEOUT_MS } from "./queue-timeout.ts";
import type { Services } from "./services.ts";

const DEFAULT_LIMIT = 30;

/** Articles' status → the job state shown when Redis no longer has the job. */
function stateFromArticle(status: string): JobState {
  if (status === "done") return "completed";
  if (status === "failed") return "failed";
  if (status === "queued") return "waiting";
  if (status === "processing") return "active";
  return "unknown";
}

/** Recent jobs with their queue states; throws QueueTimeoutError when the queue does not answer in time. */
export async function listJobs(
  { db, ingestQueue }: Services,
  query: JobsQuery,
  queueTimeoutMs = QUEUE_TIMEOUT_MS,
): Promise<JobsList> {
  const articles = await db.article.findMany({
    orderBy: { receivedAt: "desc" },
    take: query.state ? 200 : (query.limit ?? DEFAULT_LIMIT),
    select: {
      id: true,
      status: true,
      title: true,
      source: true,
      url: true,
      html: false,
      text: false,
      failureReason: true,
      attempts: true,
      receivedAt: true,
      processedAt: true,
      _count: { select: { events: true } },
    },
  });
  const kinds = await db.$queryRaw<{ id: string; kind: "text" | "url" | "html" }[]>`
    SELECT id, CASE WHEN text IS NOT NULL AND url IS NULL AND html IS NULL THEN 'text'
                    WHEN url IS NOT NULL THEN 'url' ELSE 'html' END AS kind
    FROM articles WHERE id = ANY(${articles.map((a) => a.id)}::uuid[])`;
  const kindOf = new Map(kinds.map((k) => [k.id, k.kind]));
  const [states, counts] = await withQueueTimeout(
    Promise.all([
      Promise.all(
        articles.map(async (a) => {
          const job = await ingestQueue.getJob(a.id);
          if (!job) return { state: stateFromArticle(a.status), reason: null };
          return { state: toJobState(await job.getState()), reason: job.failedReason || null };
        }),
      ),
      ingestQueue.getJobCounts("waiting", "active", "completed", "failed", "delayed"),
    ]),
    queueTimeoutMs,
  );
  let jobs = articles.map((a, i) => ({
    id: a.id,
    state: states[i]!.state,
    articleStatus: a.status,
    title: a.title,
    source: a.source,
    url: a.url,
    kind: kindOf.get(a.id) ?? "text",
    failedReason: states[i]!.reason ?? a.failureReason ?? null,
    events: a._count.events,
    attempts: a.attempts,
    receivedAt: a.receivedAt.toISOString(),
    processedAt: a.processedAt?.toISOString() ?? null,
  }));
  if (query.state) jobs = jobs.filter((j) => j.state === query.state).slice(0, query.limit ?? DEFAULT_LIMIT);
  return JobsListSchema.parse({ jobs, counts });
}

/**
 * Queues the article's job again. Idempotent: a job already waiting, delayed or active is left alone; a failed job
 * is retried in place (BullMQ keeps its id, the article id); when Redis no longer has the job, a new one is added
 * under the same id. A completed job is not re-run (nothing to retry). Throws QueueTimeoutError when the queue does
 * not answer in time, before changing anything.
 */
export async function retryJob(
  { db, ingestQueue }: Services,
  id: string,
  queueTimeoutMs = QUEUE_TIMEOUT_MS,
): Promise<RetryAccepted | null> {
  const article = await db.article.findUnique({ where: { id }, select: { id: true, status: true } });
  const found = await withQueueTimeout(
    ingestQueue.getJob(id).then(async (job) => job && { job, state: toJobState(await job.getState()) }),
    queueTimeoutMs,
  );
  if (!article && !found) return null;
  if (found) {
    const { job, state } = found;
    if (state !== "failed") return { jobId: id, requeued: false, state };
    // Queued in Postgres first: if the queue goes away now, the reconciler queues it once it is back.
    await db.article.updateMany({ where: { id }, data: { status: "queued" } });
    await withQueueTimeout(job.retry("failed"), queueTimeoutMs);
    return { jobId: id, requeued: true, state: "waiting" };
  }
  if (article!.status !== "failed") return { jobId: id, requeued: false, state: stateFromArticle(article!.status) };
  await db.article.update({ where: { id }, data: { status: "queued" } });
  await withQueueTimeout(ingestQueue.add(IngestJob.jobName, { articleId: id }, { jobId: id }), queueTimeoutMs);
  return { jobId: id, requeued: true, state: "waiting" };
}
