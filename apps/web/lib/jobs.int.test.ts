// The job routes' library answers promptly when the queue (Redis) is away: a QueueTimeoutError the routes turn into
// 503, instead of waiting for Redis to come back; retry changes nothing then. Real Postgres; the queue's Redis is
// an address nothing listens on, and the real Redis for the control case.
import { randomUUID } from "node:crypto";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { QueueTimeoutError } from "@frontline/model/ingest";
import { createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import {
  createTestDatabase,
  freePort,
  type TestDatabase,
  testRedisUrl,
  uniqueQueuePrefix,
} from "@frontline/model/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { getJobStatus } = await import("./job-status.ts");
const { listJobs, retryJob } = await import("./jobs.ts");
const { orQueueUnavailable } = await import("./queue-timeout.ts");

let database: TestDatabase;
let db: PrismaClient;
const articleId = randomUUID();
const closed: { connection?: ReturnType<typeof createRedisConnection>; queue?: ReturnType<typeof createIngestQueue> } =
  {};

beforeAll(async () => {
  database = await createTestDatabase("jobs");
  db = createPrismaClient(database.url);
  await db.article.create({
    data: { id: articleId, text: "x", contentHash: articleId, status: "failed", failureReason: "boom" },
  });
  closed.connection = createRedisConnection(`redis://127.0.0.1:${await freePort()}`);
  closed.connection.on("error", () => {}); // refused, over and over, while the test runs
  closed.queue = createIngestQueue({ connection: closed.connection, prefix: uniqueQueuePrefix("jobs") });
  closed.queue.on("error", () => {});
});
afterAll(async () => {
  closed.connection?.disconnect();
  await db?.$disconnect();
  await database?.drop();
});

describe("job routes while the queue is away", () => {
  const services = () => ({ db, ingestQueue: closed.queue! });

  it("answer with QueueTimeoutError after the timeout instead of waiting", async () => {
    for (const call of [
      () => getJobStatus(services(), articleId, 300),
      () => listJobs(services(), {}, 300),
      () => retryJob(services(), articleId, 300),
    ]) {
      // Without the timeout the call would wait for Redis forever, and this test would fail on its own time limit.
      await expect(call()).rejects.toBeInstanceOf(QueueTimeoutError);
    }
    // The retry changed nothing: the article is still failed, for a retry once the queue is back.
    expect((await db.article.findUniqueOrThrow({ where: { id: articleId } })).status).toBe("failed");
  }, 20_000);

  it("become a 503 with Retry-After; other errors are not hidden", async () => {
    const response = await orQueueUnavailable(() =>
      getJobStatus(services(), articleId, 100).then(() => new Response("")),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("30");
    expect(((await response.json()) as { error: string }).error).toMatch(/queue is unavailable/);
    await expect(orQueueUnavailable(() => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
  });

  it("answer from the real queue when it is there", async () => {
    const connection = createRedisConnection(testRedisUrl());
    const queue = createIngestQueue({ connection, prefix: uniqueQueuePrefix("jobs") });
    try {
      const status = await getJobStatus({ db, ingestQueue: queue }, articleId, 300);
      expect(status).toMatchObject({ id: articleId, state: "failed", failedReason: "boom" });
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  });
});
