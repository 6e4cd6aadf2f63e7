// Worker process: reads its env, starts the ingest worker, and drains in-flight jobs on SIGTERM/SIGINT.
import { createPrismaClient } from "@frontline/model/db";
import { createRedisConnection } from "@frontline/model/queues";
import { pino } from "pino";
import { parseWorkerEnv } from "./env.ts";
import { createIngestWorker } from "./worker.ts";

let env: ReturnType<typeof parseWorkerEnv>;
try {
  env = parseWorkerEnv(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const logger = pino({ level: env.LOG_LEVEL, base: { service: "worker" } });
const db = createPrismaClient(env.DATABASE_URL);
const connection = createRedisConnection(env.REDIS_URL);
const worker = createIngestWorker({
  db,
  connection,
  prefix: env.QUEUE_PREFIX,
  concurrency: env.INGEST_CONCURRENCY,
  logger,
});

await worker.waitUntilReady();
logger.info({ prefix: env.QUEUE_PREFIX, concurrency: env.INGEST_CONCURRENCY }, "worker ready");

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
  await worker.close();
  await connection.quit();
  await db.$disconnect();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
