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
