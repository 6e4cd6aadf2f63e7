// `pnpm frontline <command>`: Frontline's command line. Each command lives in its own file under commands/.
import { runBench } from "./commands/bench.ts";
import { runEnrich } from "./commands/enrich.ts";
import { runEval } from "./commands/eval.ts";
import { runFeeds } from "./commands/feeds.ts";
import { runIngest } from "./commands/ingest.ts";
import { runPost } from "./commands/post.ts";
import { runReconcile } from "./commands/reconcile.ts";
import { runReenrich } from "./commands/reenrich.ts";

const USAGE = `usage: pnpm frontline <command> [options]

commands:
  enrich                      read JSON Lines articles on stdin, write one EnrichedArticle JSON line per input line
  post FILE.jsonl [--api URL] [--wait]
                              queue each line (an ingest request) through the REST API; --wait follows the jobs
  eval [--check] [--json] [--write-floors]
                              score the enricher (seeds gold, UCDP sample, dev set): P/R/F1 per field, top confusions;
                              --check exits 1 naming every field below apps/cli/eval/floors.json
  bench [--seconds N]         articles per second on one core: full articles, short notes, compromise baseline
  bench --e2e [--articles N] [--workers N] [--concurrency N]
                              end to end with real Postgres and Redis: bulk file to stored events, articles/s,
                              beside the machine's ceilings (BullMQ no-op jobs/s, batched inserts/s)
  ingest PATH [--batch N]     bulk import a .jsonl or .csv file, or a folder of .txt/.html files (streamed), through
                              the API's validation and queue; summary: accepted, duplicates, rejected with line numbers
  reconcile [--after SECONDS] re-queue accepted articles whose job is missing or failed (e.g. after a Redis flush)
  reenrich --all | --since YYYY-MM-DD
                              queue stored articles to be enriched again; their events are replaced
  feeds list [--json] | add URL [--interval SECONDS] [--title T] | remove ID
                              RSS/Atom subscriptions, polled by the worker
`;

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  enrich: () => runEnrich(process.stdin, process.stdout),
  post: runPost,
  eval: runEval,
  bench: runBench,
  ingest: runIngest,
  reconcile: runReconcile,
  reenrich: runReenrich,
  feeds: runFeeds,
};

const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE);
  process.exit(2);
}
process.exitCode = await run(args);
