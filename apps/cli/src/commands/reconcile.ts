// `frontline reconcile [--after SECONDS]`: re-queues every article accepted but never finished whose job is missing
// or failed (e.g. after Redis was flushed), and re-creates every feed's job scheduler. The worker also runs this
// periodically; the command is for right now.
import { parseArgs } from "node:util";
import { ensureFeedSchedulers } from "@frontline/model/feeds";
import { reconcileIngest } from "@frontline/model/reconcile";
import { parseServicesEnv } from "../ingest/env.ts";
import { openServices } from "../ingest/services.ts";

export async function runReconcile(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { after: { type: "string", default: "0" } } });
  const after = Number(values.after);
  if (!Number.isFinite(after) || after < 0) {
    process.stderr.write("usage: frontline reconcile [--after SECONDS]   (leave articles younger than this alone; default 0)\n");
    return 2;
  }
  const services = await openServices(parseServicesEnv(process.env));
  try {
    const result = await reconcileIngest({ db: services.db, queue: services.queue }, { olderThanMs: after * 1000 });
    const feeds = await ensureFeedSchedulers({ db: services.db, feedsQueue: services.feedsQueue });
    process.stderr.write(
      `${result.checked} unfinished articles: ${result.requeued} re-queued (job missing), ${result.retried} retried, ` +
        `${result.inFlight} still in flight; ${feeds} feed schedulers ensured\n`,
    );
    return 0;
  } finally {
    await services.close();
  }
}
