// `frontline reenrich [--all | --since YYYY-MM-DD]`: queues stored articles to be enriched again after the enricher
// improved. Each job replaces the article's events (and their incidents and story) in one transaction.
import { parseArgs } from "node:util";
import { requeueForReenrich } from "@frontline/model/reconcile";
import { z } from "zod";
import { parseServicesEnv } from "../ingest/env.ts";
import { openServices } from "../ingest/services.ts";

const USAGE = "usage: frontline reenrich --all | --since YYYY-MM-DD   (articles received on or after that date)\n";

export async function runReenrich(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { all: { type: "boolean", default: false }, since: { type: "string" } } });
  const since = values.since === undefined ? undefined : z.iso.date().safeParse(values.since);
  if (values.all === (since !== undefined) || (since && !since.success)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const services = await openServices(parseServicesEnv(process.env));
  try {
    const { queued } = await requeueForReenrich(
      { db: services.db, queue: services.queue },
      since?.success ? { since: new Date(`${since.data}T00:00:00Z`) } : {},
    );
    process.stderr.write(`${queued} articles queued for re-enrichment\n`);
    return 0;
  } finally {
    await services.close();
  }
}
