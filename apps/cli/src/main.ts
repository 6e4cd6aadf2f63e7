// `pnpm frontline <command>`: Frontline's command line. Each command lives in its own file under commands/, loaded
// only when it runs: `ingest` need not load the enricher and its gazetteers (a smaller heap is cheaper to collect).
import { inspect } from "node:util";
import { describeError } from "./errors.ts";

const USAGE = `usage: pnpm frontline <command> [options]

commands:
  enrich                      read JSON Lines articles on stdin, write one EnrichedArticle JSON line per input line
  post FILE.jsonl [--api URL] [--wait]
                              queue each line (an ingest request) through the REST API; --wait follows the jobs
  eval [--check] [--json] [--write-floors]
                              score the enricher (seeds gold, UCDP sample, dev set): P/R/F1 per field, top confusions;
                              --check exits 1 naming every field below apps/cli/eval/floors.json
  bench [--seconds N]         articles per second on one core: full articles, short notes, compromise baseline
  bench --e2e [--articles N] [--warmup N] [--workers N] [--concurrency N] [--worker-node-args "FLAGS"]
                              end to end with real Postgres and Redis: bulk file to stored events, articles/s and
                              CPU per article after N warm-up articles (default 2000; its rate is the cold start),
                              beside the machine's ceilings (BullMQ no-op jobs/s, batched inserts/s)
  bench --e2e --accept-only [--articles N]
                              the accepting side alone: articles/s and CPU per article
  ingest PATH [--batch N]     bulk import a .jsonl or .csv file, or a folder of .txt/.html files (streamed), through
                              the API's validation and queue; summary: accepted, duplicates, rejected with line numbers
  reconcile [--after SECONDS] re-queue accepted articles whose job is missing or failed (e.g. after a Redis flush)
  reenrich --all | --since YYYY-MM-DD
                              queue stored articles to be enriched again; their events are replaced
  feeds list [--json] | add URL [--interval SECONDS] [--title T] | remove ID
                              RSS/Atom subscriptions, polled by the worker

environment:
  FRONTLINE_DEBUG=1           a failed command prints its stack trace too, not only its one-line reason
`;

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  enrich: async () => (await import("./commands/enrich.ts")).runEnrich(process.stdin, process.stdout),
  post: async (a) => (await import("./commands/post.ts")).runPost(a),
  eval: async (a) => (await import("./commands/eval.ts")).runEval(a),
  bench: async (a) => (await import("./commands/bench.ts")).runBench(a),
  ingest: async (a) => (await import("./commands/ingest.ts")).runIngest(a),
  reconcile: async (a) => (await import("./commands/reconcile.ts")).runReconcile(a),
  reenrich: async (a) => (await import("./commands/reenrich.ts")).runReenrich(a),
  feeds: async (a) => (await import("./commands/feeds.ts")).runFeeds(a),
};

const HELP = new Set(["help", "--help", "-h"]);
if (command !== undefined && (HELP.has(command) || args.some((a) => a === "--help" || a === "-h"))) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE);
  process.exit(2);
}
try {
  process.exitCode = await run(args);
} catch (err) {
  if (String((err as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
    // An option the command does not take, or one missing its value: the command's parseArgs says which.
    process.stderr.write(`frontline ${command}: ${(err as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    // One line, not a stack: a missing file, a bad variable or a service down is the user's to fix.
    const { message, expected } = describeError(err);
    process.stderr.write(`frontline ${command}: ${message}\n`);
    if (process.env.FRONTLINE_DEBUG === "1") process.stderr.write(`${inspect(err)}\n`);
    else if (!expected) process.stderr.write("(FRONTLINE_DEBUG=1 shows the stack trace)\n");
    process.exitCode = 1;
    // A connection left open by the failure must not keep the process alive.
    setTimeout(() => process.exit(), 2_000).unref();
  }
}
