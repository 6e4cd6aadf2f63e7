// Bulk import against real Postgres and Redis, with a worker process, and a Redis FLUSHALL in the middle of the run:
// after the reconciler every accepted article is stored exactly once and no event is doubled. The Redis flushed is
// a private redis-server this test starts (a real server, like the shared one), so FLUSHALL cannot touch the queues
// of other test runs sharing the machine's Redis.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { enrichArticle } from "@frontline/enrich";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { contentHash, normaliseArticleText } from "@frontline/model/ingest";
import { createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import { reconcileIngest } from "@frontline/model/reconcile";
import { createTestDatabase, freePort, type TestDatabase, uniqueQueuePrefix } from "@frontline/model/testing";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../eval/paths.ts";
import { bulkIngest } from "../ingest/bulk.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let dir: string;
let redisUrl: string;
let redisServer: ChildProcess | undefined;
let redis: Redis;
const prefix = uniqueQueuePrefix("bulk");
let worker: ChildProcess | undefined;

/** A redis-server of this test's own on a free port, keeping nothing on disk. */
async function startPrivateRedis(): Promise<string> {
  const port = await freePort();
  redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  const url = `redis://127.0.0.1:${port}`;
  const probe = createRedisConnection(url);
  probe.on("error", () => {}); // refused until the server listens
  try {
    for (let tries = 0; (await probe.ping().catch(() => "not yet")) !== "PONG"; tries++) {
      if (tries > 100) throw new Error(`redis-server on port ${port} did not answer`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    probe.disconnect();
  }
  return url;
}

beforeAll(async () => {
  db = await createTestDatabase("bulk");
  prisma = createPrismaClient(db.url);
  redisUrl = await startPrivateRedis();
  redis = createRedisConnection(redisUrl);
  dir = await mkdtemp(join(tmpdir(), "frontline-bulk-"));
});
afterAll(async () => {
  worker?.kill("SIGKILL");
  await redis?.quit();
  redisServer?.kill("SIGKILL");
  await prisma?.$disconnect();
  await db?.drop();
  await rm(dir, { recursive: true, force: true });
});

const REGIONS = ["Kharkiv", "Sumy", "Odesa", "Kherson", "Zaporizhzhia", "Donetsk", "Dnipropetrovsk", "Chernihiv"];
const report = (i: number) =>
  `Report ${i}: Russian drones struck energy infrastructure in ${REGIONS[i % REGIONS.length]} region overnight on day ${i}, the governor said.`;
// Large enough to flush mid-run (after batch 3 of 50) yet finish well inside the poll limit on a loaded CI machine.
const N = 300;

describe("frontline ingest (bulk)", () => {
  it("streams a JSONL file in batches, reports rejects by line, and loses nothing to a FLUSHALL mid-run", async () => {
    const lines: string[] = [];
    for (let i = 0; i < N; i++) lines.push(JSON.stringify({ text: report(i), source: "Bulk Wire" }));
    lines.splice(4, 0, "{not json"); // line 5
    lines.splice(6, 0, JSON.stringify({ title: "no body" })); // line 7
    lines.splice(9, 0, JSON.stringify({ text: report(3).toUpperCase(), source: "Other Wire" })); // line 10: duplicate
    const file = join(dir, "articles.jsonl");
    await writeFile(file, `${lines.join("\n")}\n`);

    const queue = createIngestQueue({ connection: redis, prefix });
    const rejects: string[] = [];
    let batches = 0;
    worker = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: resolve(repoRoot, "apps/worker"),
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, WORKER_QUEUES: "ingest", INGEST_CONCURRENCY: "8", LOG_LEVEL: "warn" },
      stdio: "ignore",
    });
    try {
      await expect.poll(() => queue.getWorkersCount(), { timeout: 30_000 }).toBe(1);
      const summary = await bulkIngest({ db: prisma, queue }, file, "jsonl", {
        batchSize: 50,
        onReject: (where, reason) => rejects.push(`${where}: ${reason}`),
        afterBatch: async () => {
          if (++batches === 3) await redis.flushall(); // jobs queued so far vanish; their articles stay in Postgres
        },
      });
      expect(summary).toEqual({ read: N + 3, accepted: N, duplicates: 1, rejected: 2 });
      expect(rejects).toHaveLength(2);
      expect(rejects[0]).toMatch(/^line 5: not JSON/);
      expect(rejects[1]).toMatch(/^line 7: .*exactly one of text, url or html/);

      // The reconciler finds what the flush lost (and the worker's periodic one would too).
      const result = await reconcileIngest({ db: prisma, queue }, { olderThanMs: 0 });
      expect(result.requeued + result.inFlight + result.retried).toBe(result.checked);
      await expect
        .poll(() => prisma.article.count({ where: { status: { in: ["queued", "processing"] } } }), { timeout: 180_000, interval: 500 })
        .toBe(0);
      // A straggler reconcile: anything still unfinished would show up here.
      expect(await prisma.article.count({ where: { status: { not: "done" } } })).toBe(0);

      expect(await prisma.article.count()).toBe(N);
      const texts = Array.from({ length: N }, (_, i) => normaliseArticleText(report(i)));
      const hashes = await prisma.article.findMany({ select: { contentHash: true } });
      expect(new Set(hashes.map((h) => h.contentHash))).toEqual(new Set(texts.map(contentHash)));
      // Every source kept: the duplicate line added its outlet to report 3.
      const three = await prisma.article.findUniqueOrThrow({ where: { contentHash: contentHash(texts[3]!) }, include: { sourceLinks: true } });
      expect(three.sourceLinks.map((s) => s.source).sort()).toEqual(["Bulk Wire", "Other Wire"]);
      // No event doubled: exactly what the enricher finds, once per article.
      const expected = texts.reduce((n, text, i) => n + enrichArticle({ id: String(i), text }).events.length, 0);
      expect(await prisma.event.count()).toBe(expected);
    } finally {
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
  }, 300_000);
});
