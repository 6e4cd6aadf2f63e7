// Worker process: reads its env, starts the workers it is told to run, and drains in-flight jobs on SIGTERM/SIGINT.
import { createPgPool, createPrismaClient } from "@frontline/model/db";
import { createRedisConnection } from "@frontline/model/queues";
import type { Worker } from "bullmq";
import { pino } from "pino";
import { parseAllowList } from "./features/address-guard.ts";
import type { FetchOptions } from "./features/fetch-page.ts";
import { parseWorkerEnv } from "./env.ts";
import { createFeedsWorker, createIngestWorker, createMaintenanceWorker } from "./worker.ts";

let env: ReturnType<typeof parseWorkerEnv>;
let fetch: FetchOptions;
try {
  env = parseWorkerEnv(process.env);
  fetch = {
    timeoutMs: env.FETCH_TIMEOUT_MS,
    connectTimeoutMs: env.FETCH_CONNECT_TIMEOUT_MS,
    maxBytes: env.FETCH_MAX_BYTES,
    maxRedirects: env.FETCH_MAX_REDIRECTS,
    allow: parseAllowList(env.FETCH_ALLOW_PRIVATE),
  };
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const logger = pino({ level: env.LOG_LEVEL, base: { service: "worker" } });
const db = createPrismaClient(env.DATABASE_URL);
const pool = createPgPool(env.DATABASE_URL);
const connection = createRedisConnection(env.REDIS_URL);
const common = { db, connection, prefix: env.QUEUE_PREFIX, logger };
const workers: Worker[] = [];
if (env.WORKER_QUEUES.includes("ingest")) {
  workers.push(createIngestWorker({ ...common, pool, concurrency: env.INGEST_CONCURRENCY, fetch }));
}
if (env.WORKER_QUEUES.includes("feeds")) {
  workers.push(createFeedsWorker({ ...common, concurrency: env.FEEDS_CONCURRENCY, fetch }));
}
if (env.WORKER_QUEUES.includes("maintenance")) {
  workers.push(await createMaintenanceWorker({ ...common, everyMs: env.RECONCILE_EVERY_MS, olderThanMs: env.RECONCILE_AFTER_MS }));
}

await Promise.all(workers.map((w) => w.waitUntilReady()));
logger.info({ prefix: env.QUEUE_PREFIX, queues: env.WORKER_QUEUES, concurrency: env.INGEST_CONCURRENCY }, "worker ready");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "draining in-flight jobs");
  // Backstop: a job that never finishes must not keep the process alive forever.
  setTimeout(() => {
    logger.error("shutdown timed out; exiting");
    process.exit(1);
  }, env.SHUTDOWN_TIMEOUT_MS).unref();
  await Promise.all(workers.map((w) => w.close()));
  await connection.quit();
  await db.$disconnect();
  await pool.end();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
