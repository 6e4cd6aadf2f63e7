import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../db/client.ts";
import { createIngestQueue, createRedisConnection, type IngestJobPayload } from "../queues.ts";
import { createTestDatabase, type TestDatabase, testRedisUrl, uniqueQueuePrefix } from "../testing.ts";
import type { Queue } from "bullmq";
import { acceptIngest, contentHash, normaliseArticleText, QueueUnavailableError } from "./accept.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let redis: Redis;
let queue: Queue<IngestJobPayload>;

beforeAll(async () => {
  db = await createTestDatabase("accept");
  prisma = createPrismaClient(db.url);
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  queue = createIngestQueue({ connection: redis, prefix: uniqueQueuePrefix("accept") });
});
afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await redis?.quit();
  await prisma?.$disconnect();
  await db?.drop();
});

describe("acceptIngest", () => {
  it("stores the article before queueing a job whose id is the article id", async () => {
    const accepted = await acceptIngest(
      { db: prisma, queue },
      { text: "Shelling damaged homes in Nikopol on Tuesday.\r\n", source: "Test Wire", publishedAt: "2025-04-02" },
    );
    expect(accepted).toMatchObject({ duplicate: false, status: "queued" });
    expect(accepted.jobId).toBe(accepted.articleId);
    const row = await prisma.article.findUniqueOrThrow({ where: { id: accepted.articleId } });
    expect(row.text).toBe("Shelling damaged homes in Nikopol on Tuesday.");
    expect(row.source).toBe("Test Wire");
    expect(row.publishedAt?.toISOString().slice(0, 10)).toBe("2025-04-02");
    const job = await queue.getJob(accepted.jobId);
    expect(job?.data).toEqual({ articleId: accepted.articleId });
  });

  it("stores one article for the same text, however it is spaced or cased", async () => {
    const text = "Air defence downed 12 drones over Odesa region overnight.";
    const first = await acceptIngest({ db: prisma, queue }, { text });
    const again = await acceptIngest({ db: prisma, queue }, { text: `  ${text.toUpperCase().replace(/ /g, "  ")} ` });
    expect(again).toMatchObject({ articleId: first.articleId, duplicate: true });
    expect(await prisma.article.count({ where: { contentHash: contentHash(normaliseArticleText(text)) } })).toBe(1);
  });

  it("stores one article when the same text arrives concurrently", async () => {
    const text = "Concurrent copies of one report about Sumy.";
    const results = await Promise.all(Array.from({ length: 5 }, () => acceptIngest({ db: prisma, queue }, { text })));
    expect(new Set(results.map((r) => r.articleId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it("answers at once when Redis is unreachable, with the article stored for the reconciler", async () => {
    // Nothing listens on port 1: BullMQ would wait for it for ever.
    const down = createRedisConnection("redis://127.0.0.1:1");
    down.on("error", () => {});
    const downQueue = createIngestQueue({ connection: down, prefix: uniqueQueuePrefix("accept-down") });
    downQueue.on("error", () => {});
    try {
      const started = Date.now();
      const error = await acceptIngest(
        { db: prisma, queue: downQueue },
        { text: "Drones hit a depot in Sumy overnight." },
        { queueTimeoutMs: 500 },
      ).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(QueueUnavailableError);
      expect(Date.now() - started).toBeLessThan(10_000); // an answer, not a hang (the bound is only a backstop)
      const [stored] = (error as QueueUnavailableError).accepted;
      expect(stored).toMatchObject({ duplicate: false, status: "queued" });
      const row = await prisma.article.findUniqueOrThrow({ where: { id: stored!.articleId } });
      expect(row.status).toBe("queued");
      expect(await queue.getJob(stored!.articleId)).toBeUndefined();
    } finally {
      down.disconnect();
    }
  });
});
