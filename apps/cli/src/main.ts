// `pnpm frontline <command>`: Frontline's command line. Each command lives in its own file under commands/.
import { runEnrich } from "./commands/enrich.ts";
import { runPost } from "./commands/post.ts";

const USAGE = `usage: pnpm frontline <command> [options]

commands:
  enrich                      read JSON Lines articles on stdin, write one EnrichedArticle JSON line per input line
  post FILE.jsonl [--api URL] [--wait]
                              queue each line (an ingest request) through the REST API; --wait follows the jobs
`;

const [command, ...args] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
  enrich: () => runEnrich(process.stdin, process.stdout),
  post: runPost,
};

const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(command ? `unknown command: ${command}\n\n${USAGE}` : USAGE);
  process.exit(2);
}
process.exitCode = await run(args);
