// The ingest worker against real Postgres and Redis: a fresh database and a unique queue prefix per run.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createPgPool, createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { acceptIngest } from "@frontline/model/ingest";
import { createIngestQueue, createRedisConnection, IngestJob, type IngestJobPayload } from "@frontline/model/queues";
import { createTestDatabase, removeQueuePrefix, type TestDatabase, testRedisUrl, uniqueQueuePrefix } from "@frontline/model/testing";
import { type Job, type Queue, QueueEvents, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Pool } from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestWorker } from "./worker.ts";

const DRONE_REPORT =
  "Russian forces launched drones at Kharkiv overnight, damaging a power substation, the regional governor said on Tuesday.";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: Pool;
let redis: Redis;
let prefix: string;
let queue: Queue<IngestJobPayload>;
let events: QueueEvents;
let worker: Worker;

beforeAll(async () => {
  db = await createTestDatabase("worker");
  prisma = createPrismaClient(db.url);
  pool = createPgPool(db.url);
  redis = createRedisConnection(testRedisUrl());
  prefix = uniqueQueuePrefix("worker");
  queue = createIngestQueue({ connection: redis, prefix });
  events = new QueueEvents(IngestJob.queueName, { connection: createRedisConnection(testRedisUrl()), prefix });
  await events.waitUntilReady();
  worker = createIngestWorker({
    db: prisma,
    pool,
    connection: createRedisConnection(testRedisUrl()),
    prefix,
    concurrency: 4,
    logger: pino({ level: "silent" }),
  });
  await worker.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  await events?.close();
  await queue?.close();
  if (redis) await removeQueuePrefix(redis, prefix);
  await redis?.quit();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
});

/** Resolves with the job once it completed or failed for good. */
async function settled(job: Job): Promise<Job> {
  try {
    await job.waitUntilFinished(events, 20_000);
  } catch {
    // A failed job rejects here; its state is read below.
  }
  return (await queue.getJob(job.id!))!;
}

describe("ingest worker", () => {
  it("enriches an accepted article and stores its events, regions and actors", async () => {
    const accepted = await acceptIngest({ db: prisma, queue }, { text: DRONE_REPORT, publishedAt: "2025-05-06" });
    const job = await settled((await queue.getJob(accepted.jobId))!);
    expect(await job.getState()).toBe("completed");
    const article = await prisma.article.findUniqueOrThrow({
      where: { id: accepted.articleId },
      include: { events: true, regions: true, actors: true },
    });
    expect(article.status).toBe("done");
    expect(article.processedAt).not.toBeNull();
    expect(article.regions.map((r) => r.regionCode)).toContain("UA-63");
    expect(article.actors.map((a) => a.actorId)).toContain("ru-military");
    expect(article.events.length).toBeGreaterThan(0);
    for (const e of article.events) {
      expect(article.text!.slice(e.evidenceStart, e.evidenceEnd)).toBe(e.evidenceText);
    }
  });

  it("fails an invalid payload at once with a readable reason, and keeps going", async () => {
    const bad = await queue.add(IngestJob.jobName, { articleId: "not-a-uuid" } as IngestJobPayload);
    const good = await acceptIngest({ db: prisma, queue }, { text: `${DRONE_REPORT} A second, different report.` });
    const badJob = await settled(bad);
    expect(await badJob.getState()).toBe("failed");
    expect(badJob.failedReason).toMatch(/articleId must be a UUID/);
    expect(badJob.attemptsMade).toBe(1); // UnrecoverableError: no retries
    const goodJob = await settled((await queue.getJob(good.jobId))!);
    expect(await goodJob.getState()).toBe("completed");
  });

  it("records why an article that breaks the ingest contract failed, on the job and the article", async () => {
    // Written around acceptIngest, as a buggy producer or an old row might be.
    const row = await prisma.article.create({ data: { text: "", contentHash: "empty-text" } });
    const job = await settled(await queue.add(IngestJob.jobName, { articleId: row.id }, { jobId: row.id }));
    expect(await job.getState()).toBe("failed");
    expect(job.failedReason).toMatch(/text is empty|exactly one of text, url or html/);
    const article = await prisma.article.findUniqueOrThrow({ where: { id: row.id } });
    expect(article.status).toBe("failed");
    expect(article.failureReason).toBe(job.failedReason);
  });

  it("stores one article and one set of events when the same text is queued twice or a job runs twice", async () => {
    const text = "Ukrainian troops repelled an assault near Pokrovsk in Donetsk region, the General Staff said.";
    const first = await acceptIngest({ db: prisma, queue }, { text });
    const second = await acceptIngest({ db: prisma, queue }, { text: `${text}\n` });
    expect(second.articleId).toBe(first.articleId);
    await settled((await queue.getJob(first.jobId))!);
    const eventsAfterFirstRun = await prisma.event.count({ where: { articleId: first.articleId } });
    expect(eventsAfterFirstRun).toBeGreaterThan(0);

    // A re-run (redelivery, reconciler, re-enrichment) replaces the article's rows rather than adding to them.
    const rerun = await queue.add(IngestJob.jobName, { articleId: first.articleId }, { jobId: `${first.articleId}-rerun` });
    expect(await (await settled(rerun)).getState()).toBe("completed");
    expect(await prisma.article.count({ where: { text } })).toBe(1);
    expect(await prisma.event.count({ where: { articleId: first.articleId } })).toBe(eventsAfterFirstRun);
  });
});

describe("worker process", () => {
  const main = fileURLToPath(new URL("./main.ts", import.meta.url));
  const workerDir = fileURLToPath(new URL("..", import.meta.url));

  function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
    let output = "";
    // One process, as in production: the tsx CLI would wrap the worker in a parent that relays signals itself.
    const child = spawn(process.execPath, ["--import", "tsx", main], {
      cwd: workerDir,
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: "pipe",
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    return { child, output: () => output };
  }
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  it("refuses to start with a bad variable, naming it", async () => {
    const { child, output } = startWorkerProcess({ INGEST_CONCURRENCY: "many" });
    expect(await exited(child)).toBe(1);
    expect(output()).toMatch(/INGEST_CONCURRENCY/);
  });

  it("drains in-flight jobs on SIGTERM and exits cleanly", async () => {
    const processPrefix = uniqueQueuePrefix("drain");
    const processQueue = createIngestQueue({ connection: redis, prefix: processPrefix });
    const { child, output } = startWorkerProcess({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl(), QUEUE_PREFIX: processPrefix });
    try {
      await expect.poll(output, { timeout: 20_000 }).toMatch(/worker ready/);
      const accepted = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          acceptIngest({ db: prisma, queue: processQueue }, { text: `Report ${i}: shelling hit Nikopol in Dnipropetrovsk region.` }),
        ),
      );
      await expect.poll(output, { timeout: 20_000 }).toMatch(/ingest completed/);
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);
      expect(output()).toMatch(/worker stopped/);
      // Nothing was left half-done: every article is either finished or still waiting for its job.
      const states = await prisma.article.groupBy({
        by: ["status"],
        where: { id: { in: accepted.map((a) => a.articleId) } },
        _count: true,
      });
      expect(states.map((s) => s.status)).not.toContain("processing");
      expect(states.find((s) => s.status === "done")?._count ?? 0).toBeGreaterThan(0);
    } finally {
      // Stopped before the keys go, so that it cannot write them again.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited(child);
      }
      await processQueue.close();
      await removeQueuePrefix(redis, processPrefix); // the process's maintenance scheduler and feeds queue too
    }
  });
});
