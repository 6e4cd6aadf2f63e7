// Batched processing against real Postgres and Redis: articles claimed and persisted together must be stored
// exactly as if they had been processed one at a time, and one article's trouble must stay its own.
import crypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
import { enrichArticle } from "@frontline/enrich";
import { EnrichedArticle } from "@frontline/model";
import { createPgPool, createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { acceptIngest, acceptIngestBatch } from "@frontline/model/ingest";
import { createIngestQueue, createRedisConnection, IngestJob, type IngestJobPayload } from "@frontline/model/queues";
import { createTestDatabase, type TestDatabase, testRedisUrl, uniqueQueuePrefix } from "@frontline/model/testing";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { persistArticles, preparePersist } from "./features/persist-articles.ts";
import { type ArticleStores, type BatchReport, createArticleProcessor } from "./features/process-article.ts";
import { corpus, storedIds, storedSnapshot } from "./features/test-corpus.ts";
import { createIngestWorker } from "./worker.ts";

const databases: TestDatabase[] = [];
const clients: ArticleStores[] = [];
let redis: Redis;
let prefix: string;
let queue: Queue<IngestJobPayload>;

async function database(label: string): Promise<ArticleStores> {
  const test = await createTestDatabase(label);
  databases.push(test);
  const stores = { db: createPrismaClient(test.url), pool: createPgPool(test.url) };
  clients.push(stores);
  return stores;
}

beforeAll(async () => {
  redis = createRedisConnection(testRedisUrl());
  prefix = uniqueQueuePrefix("batch");
  queue = createIngestQueue({ connection: redis, prefix });
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
  await redis?.quit();
  for (const c of clients) {
    await c.db.$disconnect();
    await c.pool.end();
  }
  for (const d of databases) await d.drop();
});

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

/**
 * Ids from one counter instead of at random, from `start`. Ties between equally good incidents go to the smaller id
 * and between stories to the smaller article id, so two databases only store the same things when they draw the
 * same ids in the same order.
 */
function sequentialIds(start: number) {
  let next = start;
  vi.spyOn(crypto, "randomUUID").mockImplementation(() => `00000000-0000-4000-8000-${(next++).toString(16).padStart(12, "0")}`);
  syncBuiltinESMExports();
}

/** Stores the corpus (same ids in every database) and answers the ids of the articles to process, in order. */
async function storeCorpus(db: PrismaClient): Promise<string[]> {
  sequentialIds(0);
  const accepted = await acceptIngestBatch({ db, queue: { addBulk: async () => [] } as unknown as Queue<IngestJobPayload> }, corpus());
  return accepted.filter((a) => !a.duplicate).map((a) => a.articleId);
}

describe("batched persistence", () => {
  it("stores a batch exactly as one article at a time, and a re-run as one batch likewise", async () => {
    const singleStores = await database("single");
    const batchedStores = await database("batched");
    const [single, batched] = [singleStores.db, batchedStores.db];
    const ids = await storeCorpus(single);
    expect(await storeCorpus(batched)).toEqual(ids);

    const oneByOne = createArticleProcessor(singleStores, { batch: { maxSize: 1, maxWaitMs: 0 } });
    const sizes: number[] = [];
    const together = createArticleProcessor(batchedStores, {
      batch: { maxSize: 1_000, maxWaitMs: 50 },
      onBatch: (b) => {
        expect(b.split).toBeUndefined();
        if (b.stage === "persist") sizes.push(b.size);
      },
    });

    sequentialIds(1_000_000);
    for (const id of ids) await oneByOne.process(id);
    sequentialIds(1_000_000);
    const results = await Promise.all(ids.map((id) => together.process(id)));
    expect(sizes).toEqual([ids.length]); // one batch, really
    expect(results.every((r) => r.storyId && r.events >= 0)).toBe(true);
    const first = await storedSnapshot(single);
    expect(await storedSnapshot(batched)).toEqual(first);

    // Articles of one story and one incident, stored in the same batch, found each other.
    const rows = await batched.article.findMany({ where: { id: { in: ids } }, include: { events: true } });
    const byText = (pattern: RegExp) => rows.filter((r) => pattern.test(r.text ?? ""));
    const nikopol = byText(/^Report \d+: Russian shelling hit Nikopol/);
    expect(nikopol).toHaveLength(12);
    expect(new Set(nikopol.map((r) => r.storyId)).size).toBe(1);
    expect(new Set(nikopol.flatMap((r) => r.events.filter((e) => e.placeName === "Nikopol").map((e) => e.incidentId))).size).toBe(1);
    const kursk = byText(/Kursk/).filter((r) => r.source === "002-kursk-incursion.txt" || r.source === "Syndicator");
    expect(kursk).toHaveLength(2);
    expect(kursk[0]!.storyId).toBe(kursk[1]!.storyId);

    // A re-run of everything in one batch: the same as re-running one at a time, incidents keep their ids.
    const incidentIds = (await storedIds(batched)).incidents;
    sequentialIds(2_000_000);
    for (const id of ids) await oneByOne.process(id);
    sequentialIds(2_000_000);
    sizes.length = 0;
    await Promise.all(ids.map((id) => together.process(id)));
    expect(sizes).toEqual([ids.length]);
    expect(await storedSnapshot(batched)).toEqual(await storedSnapshot(single));
    expect((await storedIds(batched)).incidents).toEqual(incidentIds);
  });

  it("stores the others when the database refuses one article of a batch, or one was deleted meanwhile", async () => {
    const { db, pool } = await database("refuse");
    const texts = [
      "Russian drones struck an electricity substation in Sumy region overnight, officials said.",
      "Ukrainian forces shot down a Russian Su-34 bomber over Donetsk region, the air force said.",
      "Russian shelling hit Kherson overnight, killing two civilians, the regional governor said.",
      "Ukraine struck an oil depot in Russia's Bryansk region with drones, the governor said.",
    ];
    const stub = { addBulk: async () => [] } as unknown as Queue<IngestJobPayload>;
    const accepted = await acceptIngestBatch({ db, queue: stub }, texts.map((text) => ({ text })));
    const articles = await db.article.findMany({ where: { id: { in: accepted.map((a) => a.articleId) } } });
    const items = accepted.map(({ articleId }) => {
      const article = articles.find((a) => a.id === articleId)!;
      return { article, text: article.text!, enriched: EnrichedArticle.parse(enrichArticle({ id: articleId, text: article.text! })) };
    });
    // What the schema cannot hold (as a buggy enricher might produce past validation): its insert fails.
    const refused = structuredClone(items[1]!);
    refused.enriched.events[0]!.date = { value: "2025-05-06", precision: "fortnight" as "day" };
    const gone = { ...items[3]!, article: { ...items[3]!.article, id: crypto.randomUUID() } };

    const results = await persistArticles(pool, [items[0]!, refused, items[2]!, gone, items[3]!].map(preparePersist));
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toMatch(/fortnight|DatePrecision/);
    expect(results[3]).toBeInstanceOf(Error);
    expect((results[3] as Error).message).toMatch(/does not exist/);
    for (const i of [0, 2, 4]) expect(results[i]).toMatchObject({ storyId: expect.any(String) });

    const stored = await db.article.findMany({ where: { id: { in: accepted.map((a) => a.articleId) } }, include: { events: true } });
    const status = (i: number) => stored.find((a) => a.id === accepted[i]!.articleId)!;
    for (const i of [0, 2, 3]) {
      expect(status(i).status).toBe("done");
      expect(status(i).events).toHaveLength(items[i]!.enriched.events.length);
    }
    expect(status(1).events).toHaveLength(0); // nothing of it stored; its job fails (and is retried) on its own
  });

  it("stores an article that is twice in one batch once, and answers both", async () => {
    const stores = await database("twice");
    const { db } = stores;
    const { articleId } = await acceptIngest(
      { db, queue: { addBulk: async () => [] } as unknown as Queue<IngestJobPayload> },
      { text: "Russian forces shelled Nikopol in Dnipropetrovsk region overnight, the governor said." },
    );
    const batches: BatchReport[] = [];
    const processor = createArticleProcessor(stores, { batch: { maxSize: 100, maxWaitMs: 50 }, onBatch: (b) => batches.push(b) });
    const [a, b] = await Promise.all([processor.process(articleId), processor.process(articleId)]);
    // One claim batch and one persist batch, both holding the article twice, and no fallback to one by one.
    expect(batches.map(({ stage, size, split }) => ({ stage, size, split }))).toEqual([
      { stage: "claim", size: 2, split: undefined },
      { stage: "persist", size: 2, split: undefined },
    ]);
    expect(a).toEqual(b);
    expect(await db.event.count({ where: { articleId } })).toBe(a.events);
    expect(a.events).toBeGreaterThan(0);
    expect(await db.articleLshKey.count({ where: { articleId } })).toBe(32);
  });
});

describe("batched ingest worker", () => {
  it("runs many jobs at once: each ends with its own article's outcome, a bad one fails alone", async () => {
    const { db, pool } = await database("worker");
    const worker = createIngestWorker({
      db,
      pool,
      connection: createRedisConnection(testRedisUrl()),
      prefix,
      concurrency: 50,
      logger: pino({ level: "silent" }),
    });
    try {
      await worker.waitUntilReady();
      const good = await acceptIngestBatch(
        { db, queue },
        Array.from({ length: 40 }, (_, i) => ({ text: `Report ${i}: Russian drones hit Odesa port overnight on day ${i}, the governor said.` })),
      );
      // A row that breaks the ingest contract (as an old or hand-written one may), queued beside them.
      const bad = await db.article.create({ data: { text: "", contentHash: "empty-text" } });
      await queue.add(IngestJob.jobName, { articleId: bad.id }, { jobId: bad.id });
      const all = [...good.map((g) => g.articleId), bad.id];
      await expect
        .poll(async () => db.article.count({ where: { id: { in: all }, status: { in: ["queued", "processing"] } } }), { timeout: 20_000, interval: 100 })
        .toBe(0);

      const badRow = await db.article.findUniqueOrThrow({ where: { id: bad.id } });
      expect(badRow).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/text is empty|exactly one of text, url or html/) });
      expect(await (await queue.getJob(bad.id))!.getState()).toBe("failed");
      expect(await db.article.count({ where: { id: { in: good.map((g) => g.articleId) }, status: "done" } })).toBe(40);
      for (const g of good) {
        const job = await queue.getJob(g.articleId);
        expect(await job!.getState()).toBe("completed");
        expect(job!.returnvalue).toMatchObject({ articleId: g.articleId, events: await db.event.count({ where: { articleId: g.articleId } }) });
      }
    } finally {
      await worker.close();
    }
  });
});
