// Builds the ingest worker from its dependencies; main.ts wires it to the environment, tests to their own services.
import type { PrismaClient } from "@frontline/model/db";
import { IngestJob, type IngestJobPayload } from "@frontline/model/queues";
import { type ConnectionOptions, Worker } from "bullmq";
import type { Logger } from "pino";
import { createIngestArticleProcessor } from "./processors/ingest.article.ts";

export interface IngestWorkerOptions {
  db: PrismaClient;
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  logger: Logger;
}

export function createIngestWorker({ db, connection, prefix, concurrency, logger }: IngestWorkerOptions) {
  const worker = new Worker<IngestJobPayload>(IngestJob.queueName, createIngestArticleProcessor(db), {
    connection,
    prefix,
    concurrency,
  });
  worker.on("completed", (job, result) => logger.info({ jobId: job.id, result }, "ingest completed"));
  worker.on("failed", (job, err) =>
    logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, reason: err.message }, "ingest failed"),
  );
  worker.on("error", (err) => logger.error({ err }, "worker error"));
  return worker;
}
