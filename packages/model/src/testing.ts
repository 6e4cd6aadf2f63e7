// Server-only test support: a fresh migrated database and a unique queue prefix per run.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Redis } from "ioredis";
import { dropDatabase, ensureDatabase, migrate } from "./db/migrate.ts";

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates and migrates an empty database whose name is unique to this call. */
export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL);
  base.pathname = `/frontline_${label}_${randomBytes(4).toString("hex")}`;
  const url = base.toString();
  await ensureDatabase(url);
  await migrate(url);
  return { url, drop: () => dropDatabase(url) };
}

export function uniqueQueuePrefix(label = "test"): string {
  return `frontline-${label}-${randomBytes(4).toString("hex")}`;
}

/**
 * Deletes every Redis key under a queue prefix: all its queues with their job schedulers, metadata and events, which
 * a worker process started by a test creates (its maintenance scheduler, the feeds queue) beyond the queue the test
 * obliterates.
 */
export async function removeQueuePrefix(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) await redis.unlink(...keys);
  }
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for a server a test or benchmark starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** A seeded xorshift32 generator of numbers in [0, 1): the same sequence for the same seed, for generated test data. */
export function seededRandom(seed: number): () => number {
  return () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
}
