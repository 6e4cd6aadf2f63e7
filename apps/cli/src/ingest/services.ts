// Connections for the CLI's service commands, created when a command calls this and closed by close().
// Both services are checked once before any work, so a command fails fast with a clear message when one is down:
// the shared Redis connection retries forever (the worker needs that) and would otherwise hang the command.
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createFeedsQueue, createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import type { Redis } from "ioredis";
import { describeDatabaseError, UserError } from "../errors.ts";
import type { ServicesEnv } from "./env.ts";

export interface CliServices {
  db: PrismaClient;
  queue: ReturnType<typeof createIngestQueue>;
  feedsQueue: ReturnType<typeof createFeedsQueue>;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 5_000;

export async function openServices(
  env: Pick<ServicesEnv, "DATABASE_URL" | "REDIS_URL" | "QUEUE_PREFIX">,
  options: { timeoutMs?: number } = {},
): Promise<CliServices> {
  const timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  const db = createPrismaClient(env.DATABASE_URL);
  const connection = createRedisConnection(env.REDIS_URL);
  const redisAt = hostOf(env.REDIS_URL, "127.0.0.1:6379");
  // Without a listener ioredis prints every failed reconnect attempt; after the check, a lost connection is said once
  // per outage (commands wait for it to come back, as the worker does).
  let connected = false;
  let warned = false;
  const onRedisError = (err: Error) => {
    if (!connected || warned) return;
    warned = true;
    process.stderr.write(`frontline: lost the connection to Redis at ${redisAt} (${reasonOf(err)}); waiting for it to come back\n`);
  };
  connection.on("error", onRedisError);
  connection.on("ready", () => {
    warned = false;
  });

  const checks = await Promise.allSettled([
    checkDatabase(db, hostOf(env.DATABASE_URL, "localhost"), timeoutMs),
    checkRedis(connection, redisAt, timeoutMs),
  ]);
  const failures = checks.flatMap((c) => (c.status === "rejected" ? [c.reason as Error] : []));
  if (failures.length > 0) {
    connection.disconnect(); // stops the reconnect loop
    await db.$disconnect().catch(() => {});
    throw failures.length === 1 ? failures[0] : new UserError(failures.map((f) => f.message).join("; "), { cause: failures[0] });
  }
  connected = true;

  const queue = createIngestQueue({ connection, prefix: env.QUEUE_PREFIX });
  const feedsQueue = createFeedsQueue({ connection, prefix: env.QUEUE_PREFIX });
  // BullMQ re-emits the connection's errors on each queue, and prints a stack for each when nobody listens.
  queue.on("error", onRedisError);
  feedsQueue.on("error", onRedisError);
  return {
    db,
    queue,
    feedsQueue,
    async close() {
      await queue.close();
      await feedsQueue.close();
      await connection.quit();
      await db.$disconnect();
    },
  };
}

async function checkDatabase(db: PrismaClient, at: string, timeoutMs: number): Promise<void> {
  try {
    await withTimeout(db.$queryRaw`SELECT 1`, timeoutMs);
  } catch (err) {
    if (err instanceof TimeoutError) throw new UserError(`cannot reach the database at ${at}: no answer within ${timeoutMs / 1000} s`);
    const { message, expected } = describeDatabaseError(err as Error, at);
    throw new UserError(expected ? message : `cannot reach the database at ${at}: ${message}`, { cause: err });
  }
}

async function checkRedis(connection: Redis, at: string, timeoutMs: number): Promise<void> {
  // The first failed attempt is the answer: with retries forever, ping itself would wait for good.
  let onError: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    onError = (err) => reject(err);
    connection.once("error", onError);
  });
  try {
    await withTimeout(Promise.race([connection.ping(), failed]), timeoutMs);
  } catch (err) {
    if (err instanceof TimeoutError) throw new UserError(`cannot reach Redis at ${at}: no answer within ${timeoutMs / 1000} s`);
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("E")) throw new UserError(`cannot reach Redis at ${at} (${code})`, { cause: err });
    throw new UserError(`Redis at ${at}: ${(err as Error).message}`, { cause: err });
  } finally {
    connection.off("error", onError);
  }
}

class TimeoutError extends Error {}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** host:port of a service URL, for messages (never its credentials). */
function hostOf(url: string, fallback: string): string {
  try {
    return new URL(url).host || fallback;
  } catch {
    return fallback;
  }
}

function reasonOf(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" ? code : err.message;
}
