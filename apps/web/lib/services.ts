// Server-only: the Prisma client and ingest queue, created on first use and shared by every request.
import "server-only";
import { createPrismaClient, type PrismaClient } from "@frontline/model/db";
import { createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import { env } from "../env.ts";

export interface Services {
  db: PrismaClient;
  ingestQueue: ReturnType<typeof createIngestQueue>;
}

// Kept on globalThis so dev-mode hot reloads reuse the connections instead of opening new pools each edit.
const holder = globalThis as typeof globalThis & { frontlineServices?: Services };

export function getServices(): Services {
  holder.frontlineServices ??= {
    db: createPrismaClient(env.DATABASE_URL),
    ingestQueue: createIngestQueue({ connection: createRedisConnection(env.REDIS_URL), prefix: env.QUEUE_PREFIX }),
  };
  return holder.frontlineServices;
}
