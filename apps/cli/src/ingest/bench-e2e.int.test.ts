// `bench --e2e` end to end on a small run (real Postgres and Redis, real worker processes): it finishes, reports
// every figure and cleans up after itself. No timing assertions: the figures are the benchmark's business.
import { spawnSync } from "node:child_process";
import { createRedisConnection } from "@frontline/model/queues";
import { testRedisUrl } from "@frontline/model/testing";
import { createPrismaClient } from "@frontline/model/db";
import { expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";

// The server the tests use; the bench makes its own database there, so this names only the maintenance one.
const serverUrl = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
serverUrl.pathname = "/postgres";
const adminUrl = serverUrl.toString();

async function benchDatabases(): Promise<string[]> {
  const db = createPrismaClient(adminUrl);
  try {
    const rows = await db.$queryRaw<{ datname: string }[]>`SELECT datname FROM pg_database WHERE datname LIKE 'frontline\_bench\_%'`;
    return rows.map((r) => r.datname).sort();
  } finally {
    await db.$disconnect();
  }
}

async function benchKeys(): Promise<string[]> {
  const redis = createRedisConnection(testRedisUrl());
  try {
    return await redis.keys("frontline-bench-*");
  } finally {
    await redis.quit();
  }
}

it("runs a warm-up, then the timed articles, and prints every figure; leaves no database or queue behind", async () => {
  const databasesBefore = await benchDatabases();
  const run = spawnSync("pnpm", ["--silent", "frontline", "bench", "--e2e", "--articles", "60", "--warmup", "30", "--workers", "1", "--concurrency", "20"], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: adminUrl, REDIS_URL: testRedisUrl() },
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain("warm-up: 30 articles");
  for (const line of [
    /^end to end: articles\/s \(file → stored events\)\s+\d+/m,
    /^ {2}cold start: articles\/s \(the warm-up\)\s+\d+\s+first 30 articles/m,
    /^ceiling: BullMQ no-op jobs\/s\s+\d+/m,
    /^ {2}worker processes \(all threads\)\s+[\d.]+/m,
    /^ {2}local Postgres \(all its processes\)\s+[\d.]+/m,
    /^ {2}local Redis\s+[\d.]+/m,
  ]) {
    expect(run.stdout).toMatch(line);
  }
  // The timed run's own articles and events, not the warm-up's.
  expect(run.stdout).toMatch(/^how measured: 60 distinct articles/m);
  expect(run.stdout).toMatch(/and 30 other such articles run through the same path/);
  expect(await benchDatabases()).toEqual(databasesBefore);
  expect(await benchKeys()).toEqual([]);
}, 240_000);
