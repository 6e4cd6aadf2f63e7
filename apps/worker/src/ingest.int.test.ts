// URL ingest, exact duplicates, stories, incidents, feeds, re-enrichment, retries and the reconciler, against real
// Postgres and Redis (a fresh database and a unique queue prefix) and a local test site.
import { randomInt } from "node:crypto";
import { createPgPool, createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { addFeed } from "@frontline/model/feeds";
import { countIncidentFacets } from "@frontline/model/incidents";
import { acceptIngest } from "@frontline/model/ingest";
import {
  createFeedsQueue,
  createIngestQueue,
  createRedisConnection,
  feedSchedulerId,
  type IngestJobPayload,
} from "@frontline/model/queues";
import { reconcileIngest, requeueForReenrich, retryArticle } from "@frontline/model/reconcile";
import { createTestDatabase, type TestDatabase, testRedisUrl, uniqueQueuePrefix } from "@frontline/model/testing";
import type { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Pool } from "pg";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowList } from "./features/address-guard.ts";
import type { FetchOptions } from "./features/fetch-page.ts";
import { pollFeed } from "./features/poll-feed.ts";
import { SEED_FILES, seedPublishedAt, seedText } from "./features/seeds.ts";
import { startTestSite, type TestSite } from "./features/test-site.ts";
import { createIngestWorker } from "./worker.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let pool: Pool;
let redis: Redis;
let prefix: string;
let queue: Queue<IngestJobPayload>;
let worker: Worker;
let site: TestSite;
let fetch: FetchOptions;
const silent = pino({ level: "silent" });

beforeAll(async () => {
  site = await startTestSite();
  fetch = {
    timeoutMs: 2_000,
    connectTimeoutMs: 1_000,
    maxBytes: 2_000_000,
    maxRedirects: 3,
    allow: parseAllowList(`127.0.0.1:${site.port}`),
  };
  db = await createTestDatabase("ingest");
  prisma = createPrismaClient(db.url);
  pool = createPgPool(db.url);
  redis = createRedisConnection(testRedisUrl());
  prefix = uniqueQueuePrefix("ingest");
  queue = createIngestQueue({ connection: redis, prefix });
  worker = createIngestWorker({
    db: prisma,
    pool,
    connection: createRedisConnection(testRedisUrl()),
    prefix,
    concurrency: 4,
    logger: silent,
    fetch,
  });
  await worker.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await redis?.quit();
  await prisma?.$disconnect();
  await pool?.end();
  await db?.drop();
  await site?.close();
});

/** Waits until every given article has finished (done, failed or duplicate). */
async function settled(ids: string[], timeout = 20_000) {
  await expect
    .poll(async () => prisma.article.count({ where: { id: { in: ids }, status: { in: ["queued", "processing"] } } }), {
      timeout,
      interval: 100,
    })
    .toBe(0);
  return prisma.article.findMany({ where: { id: { in: ids } }, include: { sourceLinks: true } });
}

describe("URL ingest", () => {
  it("fetches, extracts and enriches a URL; a redirect and a canonical-URL copy are the same article with both sources", async () => {
    const first = await acceptIngest({ db: prisma, queue }, { url: `${site.origin}/redirect/1` });
    const [article] = await settled([first.articleId]);
    expect(article).toMatchObject({
      status: "done",
      title: "Drones hit Kharkiv substation",
      byline: "Olena Test",
      canonicalUrl: `${site.origin}/news/kharkiv-drones`,
      language: "en",
    });
    expect(article!.text).toContain("Russian forces launched drones at Kharkiv overnight");
    expect(article!.publishedAt?.toISOString().slice(0, 10)).toBe("2025-05-06");
    expect(await prisma.event.count({ where: { articleId: first.articleId } })).toBeGreaterThan(0);

    // The AMP page declares the same canonical URL: stored once, every source kept.
    const amp = await acceptIngest(
      { db: prisma, queue },
      { url: `${site.origin}/amp/kharkiv-drones`, source: "AMP mirror" },
    );
    const [copy] = await settled([amp.articleId]);
    expect(copy).toMatchObject({ status: "duplicate", duplicateOfId: first.articleId, text: null });
    // The same text pasted: an exact duplicate at once.
    const pasted = await acceptIngest({ db: prisma, queue }, { text: article!.text!, source: "Pasted" });
    expect(pasted).toMatchObject({ articleId: first.articleId, duplicate: true });
    const sources = await prisma.articleSource.findMany({ where: { articleId: first.articleId } });
    expect(sources.map((s) => s.url ?? s.source).sort()).toEqual(
      [`${site.origin}/redirect/1`, `${site.origin}/amp/kharkiv-drones`, "Pasted"].sort(),
    );
    expect(
      await prisma.article.count({
        where: { text: { not: null }, canonicalUrl: `${site.origin}/news/kharkiv-drones` },
      }),
    ).toBe(1);
  });

  it("decodes a windows-1251 page", async () => {
    const accepted = await acceptIngest({ db: prisma, queue }, { url: `${site.origin}/cp1251-header` });
    const [article] = await settled([accepted.articleId]);
    expect(article!.status).toBe("done");
    expect(article!.text).toContain("Дніпропетровщину");
    expect(article!.language).toBe("uk");
  });

  it("stores a page whose title and text carry NUL characters without them", async () => {
    const accepted = await acceptIngest({ db: prisma, queue }, { url: `${site.origin}/nul` });
    const [article] = await settled([accepted.articleId]);
    expect(article!.status, article!.failureReason ?? "").toBe("done");
    expect(article!.title).toBe("Drones hit Kharkiv substation");
    expect(article!.text).toContain("Kharkiv");
    expect(article!.text).not.toContain("\u0000");
  });

  it("fails a refused or broken URL with its own reason, at once, and a failed job can be retried", async () => {
    const cases = [
      [`${site.origin}/redirect/to-loopback`, /refused address: 127\.0\.0\.1 is a loopback address/],
      ["http://2130706433/", /refused address/],
      [`${site.origin}/pdf`, /not HTML/],
      [`${site.origin}/gone`, /HTTP status 404/],
      [`${site.origin}/empty`, /no article text found/],
    ] as const;
    const accepted = await Promise.all(cases.map(([url]) => acceptIngest({ db: prisma, queue }, { url })));
    const rows = await settled(accepted.map((a) => a.articleId));
    for (const [i, [url, reason]] of cases.entries()) {
      const row = rows.find((r) => r.id === accepted[i]!.articleId)!;
      expect(row.status, url).toBe("failed");
      expect(row.failureReason, url).toMatch(reason);
      const job = await queue.getJob(row.id);
      expect(job?.attemptsMade, url).toBe(1);
      expect(job?.failedReason, url).toMatch(reason);
    }
    // Retrying runs the failed job again (it fails again, for the same reason: the page is still gone).
    const gone = accepted[3]!.articleId;
    expect(await retryArticle({ db: prisma, queue }, gone)).toEqual({ retried: true, jobId: gone });
    await expect.poll(async () => (await queue.getJob(gone))?.attemptsMade, { timeout: 10_000 }).toBe(2);
    const [again] = await settled([gone]);
    expect(again).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/HTTP status 404/) });
    expect(await retryArticle({ db: prisma, queue }, "00000000-0000-4000-8000-000000000000")).toEqual({
      retried: false,
      reason: "not-found",
    });
  });
});

describe("stories and incidents", () => {
  it("makes the two Dnipropetrovsk seeds one story and Kursk another; counts incidents once across copies", async () => {
    // With their real publication dates: the Dnipropetrovsk reports are 78 days apart (one developing story).
    const accepted: Awaited<ReturnType<typeof acceptIngest>>[] = [];
    for (const f of SEED_FILES) {
      accepted.push(
        await acceptIngest({ db: prisma, queue }, { text: seedText(f), source: f, publishedAt: seedPublishedAt(f) }),
      );
      await settled([accepted.at(-1)!.articleId]); // one at a time: the second must find the first in the database
    }
    const rows = await settled(accepted.map((a) => a.articleId));
    const story = (i: number) => rows.find((r) => r.id === accepted[i]!.articleId)!.storyId;
    expect(story(0)).not.toBeNull();
    expect(story(1)).toBe(story(0));
    expect(story(2)).not.toBe(story(0));

    const kurskId = accepted[2]!.articleId;
    const kurskEvents = await prisma.event.findMany({ where: { articleId: kurskId } });
    const kurskIncidents = new Set(kurskEvents.map((e) => e.incidentId));
    expect(kurskIncidents.has(null)).toBe(false);
    expect(kurskIncidents.size).toBeLessThan(kurskEvents.length); // repeated mentions of one incursion merge

    // A syndicated copy: a near-duplicate (same story), whose events join the same incidents: mentions double,
    // incidents do not.
    const before = await countIncidentFacets(prisma);
    const copy = `${seedText("002-kursk-incursion.txt").replace("APA reports citing Reuters", "the agency reported")}\nShare this article.`;
    const syndicated = await acceptIngest(
      { db: prisma, queue },
      { text: copy, source: "Syndicator", publishedAt: seedPublishedAt("002-kursk-incursion.txt") },
    );
    const [copyRow] = await settled([syndicated.articleId]);
    expect(copyRow!.storyId).toBe(story(2));
    const copyEvents = await prisma.event.findMany({ where: { articleId: syndicated.articleId } });
    expect(copyEvents.length).toBeGreaterThan(0);
    for (const e of copyEvents.filter((x) => x.regionCode !== null))
      expect(kurskIncidents.has(e.incidentId)).toBe(true);
    const after = await countIncidentFacets(prisma);
    const total = (rows: typeof before) => rows.find((r) => r.facet === "total")!.count;
    expect(total(after)).toBe(total(before) + copyEvents.filter((e) => e.regionCode === null).length);
    const mentions = await prisma.event.count();
    expect(total(after)).toBeLessThan(mentions);
    expect(after.find((r) => r.facet === "region" && r.key === "RU-KRS")!.count).toBe(
      before.find((r) => r.facet === "region" && r.key === "RU-KRS")!.count,
    );
  });

  it("stores the regions an article's events happened in apart from those it only mentions", async () => {
    // Paraphrasing the shape of a regional administration's report: the drones' launch area is named, not struck.
    const accepted = await acceptIngest(
      { db: prisma, queue },
      {
        text:
          "Russian drones struck Sumy overnight, killing two residents, the regional military administration said. " +
          "The drones were launched from Kursk region, officials added.",
        source: "Region roles",
        publishedAt: "2025-05-03",
      },
    );
    await settled([accepted.articleId]);
    const regions = await prisma.articleRegion.findMany({ where: { articleId: accepted.articleId } });
    const roleOf = (code: string) => regions.find((r) => r.regionCode === code)?.role;
    expect(roleOf("UA-59")).toBe("event");
    expect(roleOf("RU-KRS")).toBe("mention");
    const events = await prisma.event.findMany({ where: { articleId: accepted.articleId } });
    expect(events.some((e) => e.regionCode === "RU-KRS")).toBe(false);
  });

  it("keeps both parties of a contested claim", async () => {
    // The shape of a capture claim and its denial in one report (Reuters, 13 March 2025, on Sudzha), reworded.
    const accepted = await acceptIngest(
      { db: prisma, queue },
      {
        text:
          "Russia's defence ministry said its forces had recaptured the town of Sudzha in Kursk region. " +
          "Ukraine's General Staff denied the claim.",
        source: "Contest",
        publishedAt: "2025-03-13",
      },
    );
    await settled([accepted.articleId]);
    const events = await prisma.event.findMany({ where: { articleId: accepted.articleId } });
    expect(events[0]).toMatchObject({ claimStatus: "contested", claimBy: "Russian Ministry of Defence" });
    expect(events[0]?.claimDisputedBy).toBeTruthy();
  });

  it("re-enriches stored articles, replacing their events cleanly: same events, incidents and stories", async () => {
    const snapshot = async () => ({
      events: await prisma.event.count(),
      incidents: await prisma.incident.count(),
      stories: await prisma.story.count(),
      eventIncidents: await prisma.event.findMany({
        select: { articleId: true, ordinal: true, incidentId: true },
        orderBy: [{ articleId: "asc" }, { ordinal: "asc" }],
      }),
      articleStories: await prisma.article.findMany({ select: { id: true, storyId: true }, orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    const { queued } = await requeueForReenrich({ db: prisma, queue });
    expect(queued).toBe(await prisma.article.count({ where: { status: "done" } }));
    const ids = (await prisma.article.findMany({ where: { status: "done" }, select: { id: true } })).map((a) => a.id);
    await expect
      .poll(
        async () =>
          (
            await Promise.all(
              ids.map(
                async (id) =>
                  (
                    await queue.getJobs(["completed"])
                  ).filter((j) => j.data.articleId === id && j.data.reason === "reenrich").length,
              ),
            )
          ).every((n) => n === 1),
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    await settled(ids);
    expect(await snapshot()).toEqual(before);
  });
});

describe("feeds", () => {
  it("turns new items into URL ingests, skips seen items, uses conditional GET, and backs off a failing feed", async () => {
    const feedsQueue = createFeedsQueue({ connection: redis, prefix });
    try {
      const deps = { db: prisma, ingestQueue: queue, feedsQueue, fetch };
      const { feed } = await addFeed(
        { db: prisma, feedsQueue },
        { url: `${site.origin}/feed.xml`, intervalSeconds: 300 },
      );
      const scheduler = await feedsQueue.getJobScheduler(feedSchedulerId(feed.id));
      expect(scheduler?.every).toBe(300_000);

      const first = await pollFeed(deps, feed.id);
      expect(first).toMatchObject({ status: "polled", items: 3 });
      const items = await prisma.feedItem.findMany({ where: { feedId: feed.id } });
      expect(items).toHaveLength(3);
      await settled(items.map((i) => i.articleId!));
      // Each item's source is kept with its feed on the article stored, also where the URL had been ingested before
      // (the item is then a duplicate of that article). Whether it had been depends on the tests run before this one.
      expect(items.every((i) => i.articleId !== null)).toBe(true);
      const articles = await prisma.article.findMany({ where: { id: { in: items.map((i) => i.articleId!) } } });
      const stored = [...new Set(articles.map((a) => a.duplicateOfId ?? a.id))];
      const withFeedSource = await prisma.articleSource.findMany({
        where: { feedId: feed.id, articleId: { in: stored } },
      });
      expect(new Set(withFeedSource.map((s) => s.articleId))).toEqual(new Set(stored));

      const second = await pollFeed(deps, feed.id);
      expect(second).toEqual({ feedId: feed.id, status: "not-modified" });
      expect(site.requests.filter((r) => r.path === "/feed.xml").at(-1)?.ifNoneMatch).toBe('"feed-v1"');
      expect(await prisma.feedItem.count({ where: { feedId: feed.id } })).toBe(3);

      const { feed: bad } = await addFeed(
        { db: prisma, feedsQueue },
        { url: `${site.origin}/not-a-feed`, intervalSeconds: 300 },
      );
      await expect(pollFeed(deps, bad.id)).rejects.toThrow();
      await expect(pollFeed(deps, bad.id)).rejects.toThrow();
      const row = await prisma.feed.findUniqueOrThrow({ where: { id: bad.id } });
      expect(row.failures).toBe(2);
      expect(row.lastError).toBeTruthy();
      expect((await feedsQueue.getJobScheduler(feedSchedulerId(bad.id)))?.every).toBe(1_200_000); // 300 s × 2²
    } finally {
      await feedsQueue.obliterate({ force: true });
      await feedsQueue.close();
    }
  });
});

describe("reconciler", () => {
  it("runs again an article whose stored result was lost after its job completed (the worker commits asynchronously)", async () => {
    const { articleId } = await acceptIngest(
      { db: prisma, queue },
      { text: "Russian shelling damaged a school in Kherson on Monday, the regional governor said." },
    );
    const [stored] = await settled([articleId]);
    expect(stored!.status).toBe("done");
    const events = await prisma.event.count({ where: { articleId } });
    expect(events).toBeGreaterThan(0);
    expect(await (await queue.getJob(articleId))!.getState()).toBe("completed");
    // What a crash loses with an unflushed asynchronous commit: the whole persist transaction. The article is as its
    // claim left it (processing, nothing stored for it), while its job has completed.
    await prisma.$transaction([
      prisma.event.deleteMany({ where: { articleId } }),
      prisma.articleRegion.deleteMany({ where: { articleId } }),
      prisma.articleActor.deleteMany({ where: { articleId } }),
      prisma.articleLshKey.deleteMany({ where: { articleId } }),
      prisma.$executeRaw`UPDATE articles SET status = 'processing', processed_at = NULL, story_id = NULL, primary_region = NULL,
        story_profile = NULL, minhash = '{}', updated_at = now() - interval '1 hour' WHERE id = ${articleId}::uuid`,
    ]);

    expect(await reconcileIngest({ db: prisma, queue }, { olderThanMs: 60_000 })).toMatchObject({ retried: 1 });
    const [again] = await settled([articleId]);
    expect(again!.status).toBe("done");
    expect(await prisma.event.count({ where: { articleId } })).toBe(events);
  });

  it("re-queues what was accepted but lost to a Redis flush; every article is stored and enriched exactly once", async () => {
    // FLUSHDB only a logical Redis database this test owns (a random one of 1..15), never db 0 of the shared
    // Redis: other test runs use it concurrently.
    const dbIndex = randomInt(1, 16);
    const url = `${testRedisUrl().replace(/\/\d*$/, "")}/${dbIndex}`;
    const own = createRedisConnection(url);
    const ownPrefix = uniqueQueuePrefix("flush");
    const ownQueue = createIngestQueue({ connection: own, prefix: ownPrefix });
    const texts = Array.from(
      { length: 40 },
      (_, i) => `Report ${i}: Russian shelling hit Nikopol in Dnipropetrovsk region on day ${i}, officials said.`,
    );
    try {
      const accepted = [];
      for (const text of texts) accepted.push(await acceptIngest({ db: prisma, queue: ownQueue }, { text }));
      await own.flushdb(); // the jobs are gone; the articles are in Postgres, status queued
      expect(await ownQueue.count()).toBe(0);

      const result = await reconcileIngest({ db: prisma, queue: ownQueue }, { olderThanMs: 0 });
      expect(result).toMatchObject({ requeued: 40, retried: 0 });
      const again = await reconcileIngest({ db: prisma, queue: ownQueue }, { olderThanMs: 0 });
      expect(again).toMatchObject({ requeued: 0, inFlight: 40 }); // idempotent: jobs exist now

      const ownWorker = createIngestWorker({
        db: prisma,
        pool,
        connection: createRedisConnection(url),
        prefix: ownPrefix,
        concurrency: 8,
        logger: silent,
      });
      try {
        const rows = await settled(
          accepted.map((a) => a.articleId),
          30_000,
        );
        expect(rows.every((r) => r.status === "done")).toBe(true);
      } finally {
        await ownWorker.close();
      }
      for (const text of texts) expect(await prisma.article.count({ where: { text } })).toBe(1);
      const perArticle = await prisma.event.groupBy({
        by: ["articleId", "ordinal"],
        where: { articleId: { in: accepted.map((a) => a.articleId) } },
        _count: true,
      });
      expect(perArticle.every((g) => g._count === 1)).toBe(true);
    } finally {
      await ownQueue.obliterate({ force: true });
      await ownQueue.close();
      await own.quit();
    }
  });
});
