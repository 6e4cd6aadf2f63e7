// The CLI against real Postgres and Redis when something is wrong: Redis down must fail fast with one line (the shared
// connection retries forever), and a malformed CSV must keep the rows read before it and still print the summary.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createRedisConnection } from "@frontline/model/queues";
import { createTestDatabase, removeQueuePrefix, type TestDatabase, testRedisUrl, uniqueQueuePrefix } from "@frontline/model/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";

let database: TestDatabase;
let prisma: PrismaClient;
let dir: string;
const prefix = uniqueQueuePrefix("failures");

beforeAll(async () => {
  database = await createTestDatabase("failures");
  prisma = createPrismaClient(database.url);
  dir = await mkdtemp(join(tmpdir(), "frontline-failures-"));
});
afterAll(async () => {
  const connection = createRedisConnection(testRedisUrl());
  await removeQueuePrefix(connection, prefix);
  await connection.quit();
  await prisma?.$disconnect();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

const frontline = (env: Record<string, string>, ...args: string[]) =>
  spawnSync("pnpm", ["--silent", "frontline", ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: prefix, FRONTLINE_DEBUG: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("pnpm frontline when something is wrong", () => {
  it("fails fast with one line when Redis is unreachable", () => {
    for (const args of [["reconcile"], ["feeds", "list"], ["ingest", join(dir, "none.jsonl")]]) {
      const started = Date.now();
      const run = frontline({ REDIS_URL: "redis://127.0.0.1:1" }, ...args);
      expect(run.signal, "killed by the timeout: the command hung").toBeNull();
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toBe(
        args[0] === "ingest"
          ? `frontline ingest: no such file: ${join(dir, "none.jsonl")}\n`
          : `frontline ${args[0]}: cannot reach Redis at 127.0.0.1:1 (ECONNREFUSED)\n`,
      );
      // pnpm and tsx start in a few seconds on a loaded machine; the check itself gives up within 5 s.
      expect(Date.now() - started).toBeLessThan(30_000);
    }
  }, 120_000);

  it("stores the CSV rows read before a malformed one, reports it by line and prints the summary", async () => {
    const file = join(dir, "bad.csv");
    await writeFile(
      file,
      'text,source\n"Russian forces shelled Odesa overnight,\nthe regional governor said.",ML Wire\n"unterminated quote,ML Wire\n',
    );
    const run = frontline({}, "ingest", file);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain("line 4: rejected: unterminated quote");
    expect(run.stderr).toMatch(/^2 read: 1 accepted, 0 duplicates, 1 rejected in /m);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await prisma.article.count({ where: { source: "ML Wire" } })).toBe(1);
  }, 60_000);
});
