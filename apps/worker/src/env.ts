import { connectionEnv, parseEnv } from "@frontline/model/env";
import { z } from "zod";

const WorkerEnv = z.object({
  ...connectionEnv,
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  FEEDS_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Which queues this process works: e.g. "ingest" for a process that only enriches. */
  WORKER_QUEUES: z
    .string()
    .default("ingest,feeds,maintenance")
    .transform((s) => s.split(",").map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.enum(["ingest", "feeds", "maintenance"])).min(1)),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  FETCH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  FETCH_MAX_BYTES: z.coerce.number().int().min(1_024).default(5_000_000),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  /** Tests only: addresses a fetch may reach although private, `ADDRESS[/PREFIX][:PORT]`, comma-separated. */
  FETCH_ALLOW_PRIVATE: z.string().optional(),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(1_000).default(60_000),
  RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(120_000),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** Parses the worker's environment, or throws an error naming each bad variable. */
export function parseWorkerEnv(source: Record<string, string | undefined>): WorkerEnv {
  return parseEnv("the worker", WorkerEnv, source);
}
