// The environment of the CLI commands that talk to Postgres and Redis (ingest, reconcile, reenrich, feeds, bench --e2e),
// validated once; commands that need no services (enrich, eval, bench) never read it.
import { z } from "zod";

const ServicesEnv = z.object({
  DATABASE_URL: z.url().default("postgresql://postgres@127.0.0.1:5432/frontline"),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("frontline"),
  FEED_DEFAULT_INTERVAL: z.coerce.number().int().min(60).max(86_400).default(900),
});
export type ServicesEnv = z.infer<typeof ServicesEnv>;

export function parseServicesEnv(source: Record<string, string | undefined>): ServicesEnv {
  const result = ServicesEnv.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new Error(`invalid environment: ${problems}`);
}
