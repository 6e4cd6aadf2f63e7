// `frontline bench [--seconds N]`: articles per second on one core (this process, its main thread, no workers)
// for the enricher on full articles and on short notes, beside compromise's entity extraction on the same texts.
// `frontline bench --e2e`: end to end with real Postgres and Redis (see ../ingest/bench-e2e.ts); `--accept-only` the
// accepting side alone, `--worker-node-args "<flags>"` node flags for the workers (to profile them).
// `frontline bench --bulk-memory [--lines N]`: peak and retained memory of the bulk import's streaming side.
import { parseArgs } from "node:util";
import { loadDevSet } from "../eval/dev-set.ts";
import { loadSeeds } from "../eval/seeds.ts";
import { benchAcceptOnly, benchEndToEnd, type E2eOptions, renderAcceptOnly, renderE2e } from "../ingest/bench-e2e.ts";
import { benchBulkMemory, renderBulkMemory } from "../ingest/bench-memory.ts";
import { parseServicesEnv } from "../ingest/env.ts";

export interface BenchResult {
  workload: string;
  articles: number;
  seconds: number;
  perSecond: number;
  /** Calls per second of this process's CPU time: steadier than wall time when other processes share the core. */
  perCpuSecond: number;
  /** CPU time / wall time during the measurement: about 1 when the process had one core to itself. */
  cpuShare: number;
  meanMicros: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  target?: number;
}

/** A text as the worker would receive it: publish date included, so relative dates get resolved. */
interface BenchText {
  text: string;
  publishedAt: string;
}

interface Workload {
  name: string;
  texts: BenchText[];
  run: (id: string, input: BenchText) => number;
  target?: number;
}

/** Memory is sampled from inside the loop (a timer cannot fire while it runs), at most every SAMPLE_EVERY_MS. */
const SAMPLE_EVERY_MS = 10;

/**
 * Calls `workload.run` over its texts in a cycle, each call with a fresh id: first for a warm-up (so the JIT has
 * compiled the hot paths and lazily built tables exist), then for `seconds` of wall time.
 */
export function measure(workload: Workload, seconds: number): BenchResult {
  const { texts, run } = workload;
  if (texts.length === 0) throw new Error(`bench ${workload.name}: no texts`);
  let sink = 0; // consumed below, so no call can be optimised away

  const warmUpUntil = performance.now() + Math.min(1000, Math.max(100, (seconds * 1000) / 3));
  for (let i = 0; performance.now() < warmUpUntil; i++) sink += run(`warm-${i}`, texts[i % texts.length]!);

  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  };
  sample();
  let nextSample = performance.now() + SAMPLE_EVERY_MS;
  let count = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const stop = start + seconds * 1000;
  let now = start;
  while (now < stop) {
    sink += run(`bench-${count}`, texts[count % texts.length]!);
    count += 1;
    now = performance.now();
    if (now >= nextSample) {
      sample();
      nextSample = now + SAMPLE_EVERY_MS;
    }
  }
  const elapsed = (now - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sample();
  if (sink < 0) process.stdout.write(""); // never true; keeps `sink` observable

  return {
    workload: workload.name,
    articles: count,
    seconds: elapsed,
    perSecond: count / elapsed,
    perCpuSecond: count / cpuSeconds,
    cpuShare: cpuSeconds / elapsed,
    meanMicros: (elapsed * 1e6) / count,
    peakRssBytes: peakRss,
    peakHeapBytes: peakHeap,
    ...(workload.target !== undefined ? { target: workload.target } : {}),
  };
}

/** What loading the enricher cost this process: its dictionaries, gazetteer and tries are built at module load. */
export interface ModuleLoad {
  wallMs: number;
  cpuMs: number;
  rssAfterBytes: number;
}

let enrichLoad: ModuleLoad | undefined;

/** The enricher and compromise are loaded here, not at import: `bench --e2e` measures a process without them. */
export async function workloads(): Promise<Workload[]> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const { enrichArticle } = await import("@frontline/enrich");
  const used = process.cpuUsage(cpu);
  enrichLoad ??= {
    wallMs: performance.now() - wall,
    cpuMs: (used.user + used.system) / 1000,
    rssAfterBytes: process.memoryUsage().rss,
  };
  const { default: nlp } = await import("compromise");
  const enrichCount = (id: string, { text, publishedAt }: BenchText) => {
    const article = enrichArticle({ id, text, publishedAt });
    return article.events.length + article.regions.length;
  };
  const compromiseCount = (_id: string, { text }: BenchText) => {
    const doc = nlp(text);
    return doc.places().length + doc.people().length + doc.organizations().length;
  };
  const fullArticles = loadSeeds().map(({ text, gold }) => ({ text, publishedAt: gold.publishedAt }));
  const shortNotes = loadDevSet().map(({ text, publishedAt }) => ({ text, publishedAt }));
  return [
    { name: "enrich: full articles (seeds)", texts: fullArticles, run: enrichCount, target: 1000 },
    { name: "enrich: short notes (dev set)", texts: shortNotes, run: enrichCount, target: 5000 },
    { name: "compromise: full articles (seeds)", texts: fullArticles, run: compromiseCount },
    { name: "compromise: short notes (dev set)", texts: shortNotes, run: compromiseCount },
  ];
}

function render(results: BenchResult[], seconds: number, texts: { full: number; short: number }): string {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const header = [
    "workload",
    "articles/s",
    "per CPU-s",
    "CPU/wall",
    "mean µs",
    "articles",
    "peak RSS MB",
    "peak heap MB",
    "target/s",
    "meets",
  ];
  const rows = results.map((r) => [
    r.workload,
    r.perSecond.toFixed(0),
    r.perCpuSecond.toFixed(0),
    r.cpuShare.toFixed(2),
    r.meanMicros.toFixed(1),
    String(r.articles),
    mb(r.peakRssBytes),
    mb(r.peakHeapBytes),
    r.target !== undefined ? String(r.target) : "",
    r.target !== undefined ? (r.perSecond >= r.target ? "yes" : "NO") : "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    "how measured: one Node process, main thread only (no worker threads; V8's GC helper threads are not turned off).",
    `Each workload cycles its texts (${texts.full} seed articles from shared/corpus/seeds, ${texts.short} dev-set notes),`,
    "a fresh id per call, with its publish date; warm-up of a third of the duration (0.1-1 s), then a fixed",
    `duration of ${seconds} s of wall time. articles/s = calls / elapsed wall time; mean µs = elapsed / calls;`,
    "per CPU-s = calls / process CPU time (user + system) over the same loop, which counts GC helper threads too;",
    "CPU/wall well under 1.00 means other processes were sharing the core: read per CPU-s then.",
    "'meets' compares articles/s with the target.",
    `Memory: process.memoryUsage() sampled every ${SAMPLE_EVERY_MS} ms inside the loop; peaks are maxima of rss and heapUsed.`,
    `compromise baseline: nlp(text).places(), .people(), .organizations(). Node ${process.version} on ${process.arch}.`,
    ...(enrichLoad
      ? [
          `enrich module load: ${enrichLoad.wallMs.toFixed(0)} ms wall, ${enrichLoad.cpuMs.toFixed(0)} ms CPU, RSS ` +
            `${mb(enrichLoad.rssAfterBytes)} MB after it (first import in this process: rules compiled, gazetteer and ` +
            "name tries built).",
        ]
      : []),
  ].join("\n");
}

const E2E_USAGE =
  'usage: frontline bench --e2e [--articles N] [--warmup N (0 or more)] [--workers N] [--concurrency N (1-1000, the worker\'s INGEST_CONCURRENCY)] [--worker-node-args "<node flags>"]\n' +
  "       frontline bench --e2e --accept-only [--articles N]\n";

/**
 * Articles run through the whole pipeline before the timer, so it measures the steady state: a fresh worker's first
 * thousand articles cost it several times the CPU of later ones (V8 still compiling the enricher's hot paths), and a
 * deployed worker runs for days.
 */
const DEFAULT_WARMUP = 2000;

/** --e2e's options, or the usage to print. `--worker-node-args` is split at white space (no quoting). */
export function parseE2eOptions(values: {
  articles: string;
  warmup?: string;
  workers: string;
  concurrency: string;
  "accept-only": boolean;
  "worker-node-args"?: string;
}): { options: E2eOptions & { acceptOnly: boolean } } | { usage: string } {
  const options = {
    articles: Number(values.articles),
    warmup: Number(values.warmup ?? DEFAULT_WARMUP),
    workers: Number(values.workers),
    concurrency: Number(values.concurrency),
    acceptOnly: values["accept-only"],
    workerNodeArgs: (values["worker-node-args"] ?? "").split(/\s+/).filter((a) => a !== ""),
  };
  const counts = [options.articles, options.workers, options.concurrency];
  if (!counts.every((n) => Number.isInteger(n) && n > 0) || options.concurrency > 1000) return { usage: E2E_USAGE };
  if (!Number.isInteger(options.warmup) || options.warmup < 0) return { usage: E2E_USAGE };
  // No workers run with --accept-only: flags for them would silently do nothing.
  if (options.acceptOnly && (values["worker-node-args"] !== undefined || values.warmup !== undefined))
    return { usage: E2E_USAGE };
  return { options };
}

/**
 * parseArgs refuses a string option's value that starts with a dash unless written `--opt=value`; node flags always
 * do, so `--worker-node-args "--cpu-prof …"` is joined into that form first.
 */
function joinWorkerNodeArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--worker-node-args" && i + 1 < args.length) out.push(`--worker-node-args=${args[++i]}`);
    else out.push(args[i]!);
  }
  return out;
}

export async function runBench(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args: joinWorkerNodeArgs(args),
    options: {
      seconds: { type: "string", default: "3" },
      e2e: { type: "boolean", default: false },
      "accept-only": { type: "boolean", default: false },
      "worker-node-args": { type: "string" },
      "bulk-memory": { type: "boolean", default: false },
      lines: { type: "string", default: "1000000" },
      articles: { type: "string", default: "5000" },
      warmup: { type: "string" },
      workers: { type: "string", default: "2" },
      // Jobs each worker runs at once, claimed and stored in batches: larger batches cost less per article.
      concurrency: { type: "string", default: "400" },
    },
  });
  if (!values.e2e && (values["accept-only"] || values["worker-node-args"] !== undefined)) {
    process.stderr.write(E2E_USAGE);
    return 2;
  }
  if (values["bulk-memory"]) {
    const lines = Number(values.lines);
    if (!Number.isInteger(lines) || lines <= 0) {
      process.stderr.write("usage: frontline bench --bulk-memory [--lines N]   (N > 0, default 1000000)\n");
      return 2;
    }
    const results = await benchBulkMemory(lines, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(`${renderBulkMemory(results)}\n`);
    return 0;
  }
  if (values.e2e) {
    const parsed = parseE2eOptions(values);
    if ("usage" in parsed) {
      process.stderr.write(parsed.usage);
      return 2;
    }
    const { options } = parsed;
    const env = parseServicesEnv(process.env);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    if (options.acceptOnly) {
      process.stdout.write(`${renderAcceptOnly(await benchAcceptOnly(env, options.articles, log))}\n`);
      return 0;
    }
    const result = await benchEndToEnd(env, options, log);
    process.stdout.write(`${renderE2e(result, options)}\n`);
    return 0;
  }
  const seconds = Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    process.stderr.write("usage: frontline bench [--seconds N]   (N > 0, default 3)\n");
    return 2;
  }
  const all = await workloads();
  const results = all.map((workload) => measure(workload, seconds));
  const full = all[0]?.texts.length ?? 0;
  const short = all[1]?.texts.length ?? 0;
  process.stdout.write(`${render(results, seconds, { full, short })}\n`);
  return 0;
}
