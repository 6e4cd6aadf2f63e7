// Builds the workers from their dependencies; main.ts wires them to the environment, tests to their own services.
import type { PrismaClient } from "@frontline/model/db";
import {
  createFeedsQueue,
  createIngestQueue,
  createMaintenanceQueue,
  FeedPollJob,
  type FeedPollJobPayload,
  IngestJob,
  type IngestJobPayload,
  ReconcileJob,
  type ReconcileJobPayload,
} from "@frontline/model/queues";
import { type ConnectionOptions, Worker } from "bullmq";
import type { Pool } from "pg";
import type { Logger } from "pino";
import type { FetchOptions } from "./features/fetch-page.ts";
import { createFeedPollProcessor } from "./processors/feeds.poll.ts";
import { createIngestArticleProcessor } from "./processors/ingest.article.ts";
import { createReconcileProcessor } from "./processors/maintenance.reconcile.ts";

export interface IngestWorkerOptions {
  db: PrismaClient;
  /** For the set-based SQL of claim and persist batches (see features/sql.ts). */
  pool: Pool;
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  logger: Logger;
  /** How URL ingests are fetched; without it URL ingests fail with a clear reason. */
  fetch?: FetchOptions;
}

export function createIngestWorker({ db, pool, connection, prefix, concurrency, logger, fetch }: IngestWorkerOptions) {
  // The jobs running at once share claim and persist batches (see features/process-article.ts).
  const processor = createIngestArticleProcessor({ db, pool }, {
    ...(fetch ? { fetch } : {}),
    onBatch: (b) => (b.split ? logger.warn(b, "ingest batch failed; its articles were stored one by one") : logger.debug(b, "ingest batch")),
  });
  const worker = new Worker<IngestJobPayload>(IngestJob.queueName, processor, { connection, prefix, concurrency });
  worker.on("completed", (job, result) => logger.info({ jobId: job.id, result }, "ingest completed"));
  worker.on("failed", (job, err) =>
    logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, reason: err.message }, "ingest failed"),
  );
  worker.on("error", (err) => logger.error({ err }, "worker error"));
  return worker;
}

export interface FeedsWorkerOptions {
  db: PrismaClient;
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  logger: Logger;
  fetch: FetchOptions;
}

/** Polls feeds (jobs from each feed's job scheduler). Owns the queues it writes to; close() closes them too. */
export function createFeedsWorker({ db, connection, prefix, concurrency, logger, fetch }: FeedsWorkerOptions) {
  const ingestQueue = createIngestQueue({ connection, prefix });
  const feedsQueue = createFeedsQueue({ connection, prefix });
  const worker = new Worker<FeedPollJobPayload>(
    FeedPollJob.queueName,
    createFeedPollProcessor({ db, ingestQueue, feedsQueue, fetch }),
    { connection, prefix, concurrency },
  );
  worker.on("completed", (job, result) => logger.info({ jobId: job.id, result }, "feed polled"));
  worker.on("failed", (job, err) => logger.warn({ jobId: job?.id, feedId: job?.data?.feedId, reason: err.message }, "feed poll failed"));
  worker.on("error", (err) => logger.error({ err }, "feeds worker error"));
  worker.on("closed", () => {
    void ingestQueue.close();
    void feedsQueue.close();
  });
  return worker;
}

export interface MaintenanceWorkerOptions {
  db: PrismaClient;
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  /** How often the reconciler runs. */
  everyMs: number;
  /** Articles queued/processing for less than this are left alone. */
  olderThanMs: number;
}

/** Runs the reconciler on a job scheduler (so one run at a time across all worker processes). */
export async function createMaintenanceWorker({ db, connection, prefix, logger, everyMs, olderThanMs }: MaintenanceWorkerOptions) {
  const ingestQueue = createIngestQueue({ connection, prefix });
  const feedsQueue = createFeedsQueue({ connection, prefix });
  const maintenanceQueue = createMaintenanceQueue({ connection, prefix });
  await maintenanceQueue.upsertJobScheduler(
    ReconcileJob.schedulerId,
    { every: everyMs },
    { name: ReconcileJob.jobName, data: {}, opts: ReconcileJob.defaultJobOptions },
  );
  const worker = new Worker<ReconcileJobPayload>(
    ReconcileJob.queueName,
    createReconcileProcessor({ db, queue: ingestQueue, feedsQueue }, olderThanMs),
    { connection, prefix, concurrency: 1 },
  );
  worker.on("completed", (job, result) => logger.info({ jobId: job.id, result }, "reconciled"));
  worker.on("failed", (job, err) => logger.warn({ jobId: job?.id, reason: err.message }, "reconcile failed"));
  worker.on("error", (err) => logger.error({ err }, "maintenance worker error"));
  worker.on("closed", () => {
    void ingestQueue.close();
    void feedsQueue.close();
    void maintenanceQueue.close();
  });
  return worker;
}
