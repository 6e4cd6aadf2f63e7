import { afterAll, expect, it } from "vitest";
import { createRedisConnection } from "./queues.ts";
import { removeQueuePrefix, testRedisUrl, uniqueQueuePrefix } from "./testing.ts";

const redis = createRedisConnection(testRedisUrl());
afterAll(() => redis.quit());

it("removeQueuePrefix deletes every key under the prefix and nothing else", async () => {
  const prefix = uniqueQueuePrefix("remove");
  const neighbour = `${prefix}x`; // shares the prefix's characters but is another prefix
  // More keys than one SCAN page, of the kinds a worker leaves: job hashes, scheduler sets, metadata.
  for (let i = 0; i < 1200; i++) await redis.set(`${prefix}:ingest:${i}`, "job");
  await redis.zadd(`${prefix}:maintenance:repeat`, 1, "reconcile");
  await redis.hset(`${prefix}:feeds:meta`, "opts.maxLenEvents", "10000");
  await redis.set(`${neighbour}:ingest:1`, "kept");
  try {
    await removeQueuePrefix(redis, prefix);
    const left: string[] = [];
    for await (const keys of redis.scanStream({ match: `${prefix}:*` }) as AsyncIterable<string[]>) left.push(...keys);
    expect(left).toEqual([]);
    expect(await redis.get(`${neighbour}:ingest:1`)).toBe("kept");
  } finally {
    await redis.del(`${neighbour}:ingest:1`);
  }
});
