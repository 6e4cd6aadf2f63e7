import { z } from "zod";

const WorkerEnv = z.object({
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/frontline"),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("frontline"),
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** Parses the worker's environment, or throws an error naming each bad variable. */
export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  const result = WorkerEnv.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Error(`invalid worker environment: ${problems}`);
}
