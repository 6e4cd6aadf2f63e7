// `frontline ingest PATH`: bulk import of a .jsonl or .csv file, or a folder of .txt/.html files, through the same
// validation and queue as POST /api/ingest. A progress bar on a terminal; a summary on stderr.
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { bulkIngest } from "../ingest/bulk.ts";
import { parseServicesEnv } from "../ingest/env.ts";
import { inputKind, inputSize } from "../ingest/read-records.ts";
import { openServices } from "../ingest/services.ts";

const USAGE = "usage: frontline ingest PATH [--batch N]   (PATH: .jsonl, .csv, or a folder of .txt/.html files)\n";

export async function runIngest(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseIngestArgs>;
  try {
    parsed = parseIngestArgs(args);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const env = parseServicesEnv(process.env);
  // pnpm runs scripts from the package folder; INIT_CWD is where the user typed the command.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), parsed.path);
  const kind = await inputKind(path);
  const total = await inputSize(path, kind);
  const services = await openServices(env);
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: `ingest |{bar}| {percentage}% | {value}/{total} ${kind === "folder" ? "files" : "bytes"} | accepted {accepted} duplicates {duplicates} rejected {rejected}`,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0, { accepted: 0, duplicates: 0, rejected: 0 });
  const started = performance.now();
  try {
    const summary = await bulkIngest({ db: services.db, queue: services.queue }, path, kind, {
      batchSize: parsed.batch,
      onReject: (where, reason) => {
        // Over the bar's line, which the bar redraws on its next update.
        process.stderr.write(`${bar ? "\r\x1b[K" : ""}${where}: rejected: ${reason}\n`);
      },
      onProgress: (done, s) => bar?.update(done, { ...s }),
    });
    bar?.update(total, { ...summary });
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `${summary.read} read: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.rejected} rejected ` +
        `in ${seconds.toFixed(1)} s (${(summary.read / Math.max(seconds, 1e-3)).toFixed(0)} records/s)\n`,
    );
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    await services.close();
  }
}

export function parseIngestArgs(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { batch: { type: "string", default: "500" } } });
  const path = positionals[0];
  if (!path) throw new Error("missing PATH");
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error("--batch must be an integer in 1..10000");
  return { path, batch };
}
