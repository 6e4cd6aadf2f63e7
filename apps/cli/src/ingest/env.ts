// The environment of the CLI commands that talk to Postgres and Redis (ingest, reconcile, reenrich, feeds, bench --e2e),
// validated once; commands that need no services (enrich, eval, bench) never read it.
import { connectionEnv, parseEnv } from "@frontline/model/env";
import { z } from "zod";
import { UserError } from "../errors.ts";

const ServicesEnv = z.object({
  ...connectionEnv,
  FEED_DEFAULT_INTERVAL: z.coerce.number().int().min(60).max(86_400).default(900),
});
export type ServicesEnv = z.infer<typeof ServicesEnv>;

export function parseServicesEnv(source: Record<string, string | undefined>): ServicesEnv {
  try {
    return parseEnv("the frontline CLI", ServicesEnv, source);
  } catch (err) {
    // One line: "invalid environment for the frontline CLI: DATABASE_URL: must be …; REDIS_URL: …".
    throw new UserError((err as Error).message.replace(/:\n\s+/, ": ").replace(/\n\s+/g, "; "), { cause: err });
  }
}
