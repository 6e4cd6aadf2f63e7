// `pnpm frontline <command>`: Frontline's command line. Each command lives in its own file under commands/.
import { runBench } from "./commands/bench.ts";
import { runEnrich } from "./commands/enrich.ts";
import { runEval } from "./commands/eval.ts";
import { runPost } from "./commands/post.ts";

const USAGE = `usage: pnpm frontline <command> [options]

commands:
  enrich                      read JSON Lines articles on stdin, write one EnrichedArticle JSON line per input line
  post FILE.jsonl [--api URL] [--wait]
                              queue each line (an ingest request) through the REST API; --wait follows the jobs
  eval [--check] [--json] [--write-floors]
                              score the enricher (seeds gold, UCDP sample, dev set): P/R/F1 per field, top confusions;
                              --check exits 1 naming every field below apps/cli/eval/floors.json
  bench [--seconds N]         articles per second on one core: full articles, short notes, compromise baseline
`;

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  enrich: () => runEnrich(process.stdin, process.stdout),
  post: runPost,
  eval: runEval,
  bench: runBench,
};

const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE);
  process.exit(2);
}
process.exitCode = await run(args);
