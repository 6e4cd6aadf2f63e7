// Feed polling by a real feeds worker (real Postgres and Redis, the local test site): a poll that fails or succeeds
// is followed by the next one a (backed-off) interval later, never by a burst of polls at once.
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { addFeed } from "@frontline/model/feeds";
import { createFeedsQueue, createRedisConnection, feedSchedulerId } from "@frontline/model/queues";
import {
  createTestDatabase,
  removeQueuePrefix,
  type TestDatabase,
  testRedisUrl,
  uniqueQueuePrefix,
} from "@frontline/model/testing";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedsWorker } from "../worker.ts";
import { parseAllowList } from "./address-guard.ts";
import { startTestSite, type TestSite } from "./test-site.ts";

let db: TestDatabase;
let prisma: PrismaClient;
let redis: Redis;
let prefix: string;
let feedsQueue: ReturnType<typeof createFeedsQueue>;
let worker: Worker;
let site: TestSite;

/** Long enough for a burst (the old bug: several polls within ~300 ms) to show. */
const QUIET_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  site = await startTestSite();
  db = await createTestDatabase("feedpoll");
  prisma = createPrismaClient(db.url);
  redis = createRedisConnection(testRedisUrl());
  prefix = uniqueQueuePrefix("feedpoll");
  feedsQueue = createFeedsQueue({ connection: redis, prefix });
  const allow = parseAllowList(`127.0.0.1:${site.port}`);
  worker = createFeedsWorker({
    db: prisma,
    connection: createRedisConnection(testRedisUrl()),
    prefix,
    concurrency: 2,
    logger: pino({ level: "silent" }),
    fetch: { timeoutMs: 2_000, connectTimeoutMs: 1_000, maxBytes: 2_000_000, maxRedirects: 3, allow },
  });
  await worker.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  await feedsQueue?.close();
  if (redis) await removeQueuePrefix(redis, prefix); // the ingest queue the worker's polls write to as well
  await redis?.quit();
  await prisma?.$disconnect();
  await db?.drop();
  await site?.close();
});

const hits = (path: string) => site.requests.filter((r) => r.path === path).length;
const add = (path: string, intervalSeconds: number) =>
  addFeed({ db: prisma, feedsQueue }, { url: `${site.origin}${path}`, intervalSeconds });
const feedRow = (id: string) => prisma.feed.findUniqueOrThrow({ where: { id } });
/** Resolves once the feed's failure count passes the test. */
const failuresReach = (id: string, test: (failures: number) => boolean) =>
  expect.poll(async () => test((await feedRow(id)).failures), { timeout: 10_000, interval: 100 }).toBe(true);
const scheduler = async (id: string) => (await feedsQueue.getJobScheduler(feedSchedulerId(id)))!;

/** The scheduler fires when the feed's nextPollAt (as the API shows it) says. */
async function expectSchedulerAtNextPollAt(id: string) {
  const [row, s] = await Promise.all([feedRow(id), scheduler(id)]);
  expect(Math.abs(s.next! - row.nextPollAt!.getTime())).toBeLessThan(2_000);
}

describe("feed polling", () => {
  it("counts one failure per poll and polls a failing feed again one backed-off interval later, also when re-added", async () => {
    const path = "/broken?feed=1"; // 503
    const { feed, created } = await add(path, 3600);
    expect(created).toBe(true);
    // A new feed is polled promptly.
    await failuresReach(feed.id, (n) => n > 0);
    await sleep(QUIET_MS);
    expect(hits(path)).toBe(1);
    const failed = await feedRow(feed.id);
    expect(failed.failures).toBe(1);
    expect(failed.lastError).toBeTruthy();
    const backedOff = await scheduler(feed.id);
    expect(backedOff.every).toBe(7_200_000); // 3600 s × 2
    expect(backedOff.next! - failed.lastPolledAt!.getTime()).toBeGreaterThan(7_200_000 - 5_000);
    await expectSchedulerAtNextPollAt(feed.id);

    // Re-added with another interval: due one new (backed-off) interval after the last poll, which is not yet.
    const { feed: readded, created: again } = await add(path, 1800);
    expect(again).toBe(false);
    expect(readded.nextPollAt).toBe(new Date(failed.lastPolledAt!.getTime() + 3_600_000).toISOString());
    expect((await scheduler(feed.id)).every).toBe(3_600_000); // 1800 s × 2
    await expectSchedulerAtNextPollAt(feed.id);

    // Re-added with a shorter interval long after the last poll: polled once at once, then backed off again.
    await prisma.feed.update({ where: { id: feed.id }, data: { lastPolledAt: new Date(Date.now() - 2 * 3_600_000) } });
    await add(path, 600);
    await failuresReach(feed.id, (n) => n > 1);
    await sleep(QUIET_MS);
    expect(hits(path)).toBe(2);
    expect((await feedRow(feed.id)).failures).toBe(2);
    expect((await scheduler(feed.id)).every).toBe(2_400_000); // 600 s × 2²
    await expectSchedulerAtNextPollAt(feed.id);
  });

  it("polls a feed that recovers again one configured interval later, not at once", async () => {
    const { feed } = await add("/broken?feed=2", 600);
    await failuresReach(feed.id, (n) => n > 0);
    expect((await feedRow(feed.id)).failures).toBe(1);
    // The feed comes back (the test site serves the feed whatever the query); its backed-off poll is run now.
    const path = "/feed.xml?feed=2";
    await prisma.feed.update({ where: { id: feed.id }, data: { url: `${site.origin}${path}` } });
    const pending = (await feedsQueue.getDelayed()).filter((j) => j.data.feedId === feed.id);
    expect(pending).toHaveLength(1);
    await pending[0]!.promote();
    await failuresReach(feed.id, (n) => n === 0);
    await sleep(QUIET_MS);
    expect(hits(path)).toBe(1);
    const recovered = await feedRow(feed.id);
    const s = await scheduler(feed.id);
    expect(s.every).toBe(600_000);
    expect(s.next! - recovered.lastPolledAt!.getTime()).toBeGreaterThan(600_000 - 5_000);
    await expectSchedulerAtNextPollAt(feed.id);
  });
});
