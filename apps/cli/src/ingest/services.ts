// Connections for the CLI's service commands, created when a command calls this and closed by close().
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createFeedsQueue, createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import type { ServicesEnv } from "./env.ts";

export interface CliServices {
  db: PrismaClient;
  queue: ReturnType<typeof createIngestQueue>;
  feedsQueue: ReturnType<typeof createFeedsQueue>;
  close(): Promise<void>;
}

export function openServices(env: Pick<ServicesEnv, "DATABASE_URL" | "REDIS_URL" | "QUEUE_PREFIX">): CliServices {
  const db = createPrismaClient(env.DATABASE_URL);
  const connection = createRedisConnection(env.REDIS_URL);
  const queue = createIngestQueue({ connection, prefix: env.QUEUE_PREFIX });
  const feedsQueue = createFeedsQueue({ connection, prefix: env.QUEUE_PREFIX });
  return {
    db,
    queue,
    feedsQueue,
    async close() {
      await queue.close();
      await feedsQueue.close();
      await connection.quit();
      await db.$disconnect();
    },
  };
}
