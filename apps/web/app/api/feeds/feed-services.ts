// Server-only: the feeds queue for /api/feeds, created on first use and shared by every request (beside lib/services).
import "server-only";
import { createFeedsQueue, createRedisConnection } from "@frontline/model/queues";
import { env } from "../../../env.ts";
import { getServices } from "../../../lib/services.ts";

const holder = globalThis as typeof globalThis & { frontlineFeedsQueue?: ReturnType<typeof createFeedsQueue> };

export function getFeedDeps() {
  holder.frontlineFeedsQueue ??= createFeedsQueue({ connection: createRedisConnection(env.REDIS_URL), prefix: env.QUEUE_PREFIX });
  return { db: getServices().db, feedsQueue: holder.frontlineFeedsQueue };
}
