// Server-only: queue contracts. Producers and processors both import these; nobody spells a queue name by hand.
import { type ConnectionOptions, type DefaultJobOptions, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { z } from "zod";

/** Queues are namespaced by a prefix so tests and parallel runs never see each other's jobs. */
export const DEFAULT_QUEUE_PREFIX = "frontline";

/** Creates a Redis connection fit for BullMQ workers (which require maxRetriesPerRequest: null). */
export function createRedisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

const retention: Pick<DefaultJobOptions, "removeOnComplete" | "removeOnFail"> = {
  // Keep a day of history for the dashboard; Postgres keeps the permanent record.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
};

/** The ingest queue: one job per accepted article, jobId = article id. The article itself lives in Postgres. */
export const IngestJob = {
  queueName: "ingest",
  jobName: "ingest.article",
  payload: z.object({
    articleId: z.uuid({ error: "articleId must be a UUID" }),
    /** Why the job was queued; informative only (logs, job lists). */
    reason: z.enum(["accept", "reconcile", "reenrich", "retry"]).optional(),
  }),
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: "exponential", delay: 2_000 },
    ...retention,
  } satisfies DefaultJobOptions,
} as const;
export type IngestJobPayload = z.infer<typeof IngestJob.payload>;

export interface QueueConnection {
  connection: ConnectionOptions;
  prefix?: string;
}

export function createIngestQueue({ connection, prefix = DEFAULT_QUEUE_PREFIX }: QueueConnection) {
  return new Queue<IngestJobPayload, unknown, typeof IngestJob.jobName>(IngestJob.queueName, {
    connection,
    prefix,
    defaultJobOptions: IngestJob.defaultJobOptions,
  });
}

export function createIngestQueueEvents({ connection, prefix = DEFAULT_QUEUE_PREFIX }: QueueConnection) {
  return new QueueEvents(IngestJob.queueName, { connection, prefix });
}

/** Job ids of ingest jobs other than the first (which is the article id), so retained jobs never swallow a re-run. */
export function rerunJobId(articleId: string, reason: "reenrich" | "retry", at = Date.now()): string {
  return `${articleId}:${reason}:${at}`;
}

/**
 * The feeds queue: one BullMQ job scheduler per feed (id `feed:<feedId>`, every `intervalSeconds`, backed off while
 * the feed keeps failing), whose jobs poll the feed and turn new items into URL ingests.
 */
export const FeedPollJob = {
  queueName: "feeds",
  jobName: "feeds.poll",
  payload: z.object({
    feedId: z.uuid({ error: "feedId must be a UUID" }),
  }),
  defaultJobOptions: {
    // A poll that fails is not retried at once: the next scheduled poll (backed off) is the retry.
    attempts: 1,
    removeOnComplete: { age: 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
  } satisfies DefaultJobOptions,
} as const;
export type FeedPollJobPayload = z.infer<typeof FeedPollJob.payload>;

export const feedSchedulerId = (feedId: string) => `feed:${feedId}`;

/** Longest gap between two polls of a failing feed. */
export const MAX_FEED_BACKOFF_SECONDS = 24 * 3600;

/** Poll interval of a feed after `failures` consecutive failures: doubles per failure, at most a day. */
export function feedPollEverySeconds(intervalSeconds: number, failures: number): number {
  if (failures <= 0) return intervalSeconds;
  return Math.min(MAX_FEED_BACKOFF_SECONDS, Math.max(intervalSeconds, intervalSeconds * 2 ** Math.min(failures, 16)));
}

export function createFeedsQueue({ connection, prefix = DEFAULT_QUEUE_PREFIX }: QueueConnection) {
  return new Queue<FeedPollJobPayload, unknown, string>(FeedPollJob.queueName, {
    connection,
    prefix,
    defaultJobOptions: FeedPollJob.defaultJobOptions,
  });
}

/**
 * Creates or updates the feed's job scheduler (idempotent: the reconciler calls it for every feed). BullMQ starts a new
 * scheduler, or one whose `every` changed, at `startDate` (else at once: each backoff step would poll again at once),
 * clamped to now; an unchanged one keeps its pending run. So `nextPollAt` is when the next poll is due.
 */
export async function upsertFeedScheduler(
  queue: ReturnType<typeof createFeedsQueue>,
  feed: { id: string; intervalSeconds: number; failures: number; nextPollAt: Date | null },
): Promise<void> {
  await queue.upsertJobScheduler(
    feedSchedulerId(feed.id),
    {
      every: feedPollEverySeconds(feed.intervalSeconds, feed.failures) * 1000,
      ...(feed.nextPollAt ? { startDate: feed.nextPollAt } : {}),
    },
    { name: FeedPollJob.jobName, data: { feedId: feed.id }, opts: FeedPollJob.defaultJobOptions },
  );
}

export async function removeFeedScheduler(queue: ReturnType<typeof createFeedsQueue>, feedId: string): Promise<void> {
  await queue.removeJobScheduler(feedSchedulerId(feedId));
}

/**
 * The maintenance queue: the reconciler, run by a job scheduler in the worker. It re-queues accepted articles whose
 * job is missing or failed (e.g. after Redis was flushed) and re-creates every feed's job scheduler.
 */
export const ReconcileJob = {
  queueName: "maintenance",
  jobName: "maintenance.reconcile",
  schedulerId: "reconcile",
  payload: z.object({
    /** Articles queued or processing for less than this are left alone (their job may simply be running). */
    olderThanMs: z.number().int().nonnegative().optional(),
  }),
  defaultJobOptions: {
    attempts: 1,
    removeOnComplete: { age: 3600, count: 100 },
    removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
  } satisfies DefaultJobOptions,
} as const;
export type ReconcileJobPayload = z.infer<typeof ReconcileJob.payload>;

export function createMaintenanceQueue({ connection, prefix = DEFAULT_QUEUE_PREFIX }: QueueConnection) {
  return new Queue<ReconcileJobPayload, unknown, string>(ReconcileJob.queueName, {
    connection,
    prefix,
    defaultJobOptions: ReconcileJob.defaultJobOptions,
  });
}
