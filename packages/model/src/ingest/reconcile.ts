// Server-only: Postgres is the outbox, so whatever was accepted but never finished can be queued again from it.
// The reconciler (a scheduler in the worker, and `frontline reconcile`), re-enrichment, retries and the pruning of
// the stats change log live here.
import type { Queue } from "bullmq";
import type { PrismaClient } from "../db/client.ts";
import { IngestJob, type IngestJobPayload, rerunJobId } from "../queues.ts";

export interface ReconcileDeps {
  db: PrismaClient;
  queue: Queue<IngestJobPayload>;
}

export interface ReconcileOptions {
  /** Articles whose status changed less than this long ago are left alone. Default 60 s. */
  olderThanMs?: number;
  /** Articles looked at per round trip. */
  batchSize?: number;
}

export interface ReconcileResult {
  /** Articles queued or processing for longer than olderThanMs. */
  checked: number;
  /** Their job was missing (e.g. Redis flushed or restarted): added again, jobId = article id. */
  requeued: number;
  /** Their job had failed (or completed without finishing the article): queued to run again. */
  retried: number;
  /** Their job is waiting, delayed or active: left alone. */
  inFlight: number;
}

/** Re-queues every article that was accepted but never finished and whose job is gone or failed. Idempotent. */
export async function reconcileIngest(
  { db, queue }: ReconcileDeps,
  { olderThanMs = 60_000, batchSize = 500 }: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const result: ReconcileResult = { checked: 0, requeued: 0, retried: 0, inFlight: 0 };
  const before = new Date(Date.now() - olderThanMs);
  let cursor: string | undefined;
  for (;;) {
    const articles = await db.article.findMany({
      where: { status: { in: ["queued", "processing"] }, updatedAt: { lte: before }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (articles.length === 0) return result;
    cursor = articles.at(-1)!.id;
    result.checked += articles.length;
    const toAdd: string[] = [];
    await Promise.all(
      articles.map(async ({ id }) => {
        const job = await queue.getJob(id);
        if (!job) {
          toAdd.push(id);
          return;
        }
        const state = await job.getState();
        if (state === "failed") {
          await job.retry("failed");
          result.retried += 1;
        } else if (state === "completed" || state === "unknown") {
          // The job ended but the article did not: run it again under a fresh id (the old one is retained).
          await queue.add(IngestJob.jobName, { articleId: id, reason: "reconcile" }, { jobId: rerunJobId(id, "retry") });
          result.retried += 1;
        } else {
          result.inFlight += 1;
        }
      }),
    );
    if (toAdd.length > 0) {
      await queue.addBulk(
        toAdd.map((id) => ({ name: IngestJob.jobName, data: { articleId: id, reason: "reconcile" as const }, opts: { jobId: id } })),
      );
      result.requeued += toAdd.length;
    }
  }
}

/** How long the stats change log keeps a row: every web process reads it within seconds; one idle longer reloads. */
export const STATS_CHANGES_KEPT_MS = 86_400_000;

/** Deletes stats_changes rows older than `keptMs` (the log the web's stats index follows). Answers how many. */
export async function pruneStatsChanges(db: PrismaClient, keptMs = STATS_CHANGES_KEPT_MS): Promise<number> {
  const { count } = await db.statsChange.deleteMany({ where: { changedAt: { lt: new Date(Date.now() - keptMs) } } });
  return count;
}

export interface ReenrichOptions {
  /** Only articles received on or after this date; all stored articles when absent. */
  since?: Date;
  batchSize?: number;
}

/**
 * Queues every processed article to be enriched again (after the enricher improved). Each job replaces the article's
 * events in one transaction. Job ids are `<articleId>:reenrich:<time>`, so they never collide with retained jobs.
 */
export async function requeueForReenrich(
  { db, queue }: ReconcileDeps,
  { since, batchSize = 1_000 }: ReenrichOptions = {},
): Promise<{ queued: number }> {
  const at = Date.now();
  let queued = 0;
  let cursor: string | undefined;
  for (;;) {
    const articles = await db.article.findMany({
      where: {
        status: "done",
        ...(since ? { receivedAt: { gte: since } } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (articles.length === 0) return { queued };
    cursor = articles.at(-1)!.id;
    await queue.addBulk(
      articles.map(({ id }) => ({
        name: IngestJob.jobName,
        data: { articleId: id, reason: "reenrich" as const },
        opts: { jobId: rerunJobId(id, "reenrich", at) },
      })),
    );
    queued += articles.length;
  }
}

export type RetryOutcome =
  | { retried: true; jobId: string }
  | { retried: false; reason: "not-found" | "not-failed"; status?: string };

/** Retries a failed ingest: the failed job itself while BullMQ keeps it, else a new job. */
export async function retryArticle({ db, queue }: ReconcileDeps, articleId: string): Promise<RetryOutcome> {
  const article = await db.article.findUnique({ where: { id: articleId }, select: { status: true } });
  if (!article) return { retried: false, reason: "not-found" };
  if (article.status !== "failed") return { retried: false, reason: "not-failed", status: article.status };
  await db.article.update({ where: { id: articleId }, data: { status: "queued" } });
  const job = await queue.getJob(articleId);
  if (job && (await job.getState()) === "failed") {
    await job.retry("failed");
    return { retried: true, jobId: articleId };
  }
  const jobId = job ? rerunJobId(articleId, "retry") : articleId;
  await queue.add(IngestJob.jobName, { articleId, reason: "retry" }, { jobId });
  return { retried: true, jobId };
}
