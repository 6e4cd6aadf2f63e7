// `frontline bench --e2e`: articles per second from a bulk file to stored events, with real Postgres and Redis,
// beside ceilings of the same machine: BullMQ no-op jobs per second and batched Postgres inserts per second (through
// Prisma's createMany and set-based through $executeRaw).
// `--accept-only` measures the accepting side alone (no workers): articles/s and this process's CPU per article.
// Everything runs in a database and a queue prefix of its own, dropped afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createPrismaClient } from "@frontline/model/db";
import { dropDatabase, ensureDatabase, migrate } from "@frontline/model/migrate";
import { createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import { Queue, Worker } from "bullmq";
import { repoRoot } from "../eval/paths.ts";
import { bulkIngest } from "./bulk.ts";
import type { ServicesEnv } from "./env.ts";

export interface E2eOptions {
  articles: number;
  /** Articles run through the same path before the timer starts (see DEFAULT_WARMUP in commands/bench.ts). */
  warmup: number;
  workers: number;
  concurrency: number;
  /** Flags for the worker processes' node, before `--import tsx` (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof). */
  workerNodeArgs: string[];
}

export interface AcceptOnlyResult {
  articles: number;
  duplicates: number;
  seconds: number;
  perSecond: number;
  /** This process's CPU (user + system) per article over the import: what the accepting side costs itself. */
  cpuMsPerArticle: number;
  userMsPerArticle: number;
  systemMsPerArticle: number;
  /** CPU ms per article of the local Postgres and Redis processes over the same span, where /proc tells. */
  servicesMsPerArticle?: ServicesCpu;
}

/** utime, stime, cutime and cstime (exited children's) of /proc/<pid>/stat, in ms, with the process's name. */
function procCpu(pid: string): { name: string; ms: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // no /proc, or exited meanwhile
  }
  const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
  // Fields after the command: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { name, ms: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10 }; // USER_HZ is 100 on Linux
}

interface ServicesCpu {
  postgres: number;
  redis: number;
}

/**
 * CPU ms so far of every local process named postgres, and of every one named redis-server (from /proc; children that
 * exited are in their parent's cutime), or undefined where there is no /proc or no such process. Other clients' work
 * counts too.
 */
function servicesCpuMs(): ServicesCpu | undefined {
  const ms = { postgres: 0, redis: 0 };
  let found = false;
  try {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const cpu = procCpu(pid);
      if (cpu?.name === "postgres") ms.postgres += cpu.ms;
      else if (cpu?.name === "redis-server") ms.redis += cpu.ms;
      else continue;
      found = true;
    }
  } catch {
    return undefined;
  }
  return found ? ms : undefined;
}

/** Services' CPU between two readings, per article. */
function servicesPerArticle(before: ServicesCpu | undefined, after: ServicesCpu | undefined, n: number): ServicesCpu | undefined {
  if (before === undefined || after === undefined) return undefined;
  return { postgres: (after.postgres - before.postgres) / n, redis: (after.redis - before.redis) / n };
}

/** CPU ms so far of these processes (all their threads), or undefined where /proc cannot tell. */
function processesCpuMs(pids: (number | undefined)[]): number | undefined {
  let ms = 0;
  for (const pid of pids) {
    const cpu = pid === undefined ? undefined : procCpu(String(pid));
    if (!cpu) return undefined;
    ms += cpu.ms;
  }
  return ms;
}

/** Busy and total CPU ms of the whole machine so far (/proc/stat), or undefined without it. */
function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user and nice)
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - ticks[3]! - ticks[4]!) * 10, total: total * 10 };
  } catch {
    return undefined;
  }
}

export interface E2eResult {
  /** The warm-up run, timed the same way: fresh workers and an empty database (absent with --warmup 0). */
  warmup?: { articles: number; seconds: number; perSecond: number };
  articles: number;
  events: number;
  acceptSeconds: number;
  totalSeconds: number;
  perSecond: number;
  acceptPerSecond: number;
  noopJobsPerSecond: number;
  insertRowsPerSecond: number;
  rawInsertRowsPerSecond: number;
  /** CPU ms per article over the timed span, where /proc tells (steadier than wall time when the machine is shared). */
  cpu?: {
    workers?: number;
    importer: number;
    services?: ServicesCpu;
    /** Busy share of all the machine's CPUs over the span (0-1): how much of the machine the run kept busy. */
    machineBusy?: number;
  };
}

/** Sentences of the project's own sample articles and dev-set notes, mixed into distinct articles by a seeded PRNG. */
function articleTexts(n: number): string[] {
  const samples = readFileSync(resolve(repoRoot, "samples/articles.jsonl"), "utf8").trim().split("\n");
  const notes = readFileSync(resolve(repoRoot, "apps/cli/eval/dev-set.jsonl"), "utf8").trim().split("\n");
  const sentences = [...samples, ...notes]
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .flatMap((t) => t.split(/(?<=[.!?])\s+/))
    .filter((s) => s.length > 30 && /^[A-ZА-ЯІЇЄҐ]/.test(s));
  let seed = 0x2545f491;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  return Array.from({ length: n }, (_, i) => {
    const picked = Array.from({ length: 8 }, () => sentences[Math.floor(next() * sentences.length)]!);
    return `${picked.join(" ")}\n\nBulletin ${i}.`;
  });
}

/** One process, as in production: the tsx CLI would wrap the worker in a parent whose signal relay misbehaves under load. */
function startWorker(env: Record<string, string>, nodeArgs: string[]): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], {
    cwd: resolve(repoRoot, "apps/worker"),
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"], // logs at warn go to stdout; an unread pipe would stall the worker
  });
}

interface BenchServices {
  db: ReturnType<typeof createPrismaClient>;
  queue: ReturnType<typeof createIngestQueue>;
  databaseUrl: string;
  prefix: string;
  /** The bulk file: `articles` distinct texts, one JSON line each. */
  file: string;
  /** The warm-up's bulk file: `warmup` more distinct texts. */
  warmupFile: string;
}

/** A fresh database and queue prefix with the bulk file written, dropped afterwards whatever happens. */
async function withBenchServices<T>(
  env: ServicesEnv,
  { articles, warmup }: { articles: number; warmup: number },
  run: (services: BenchServices) => Promise<T>,
): Promise<T> {
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/frontline_bench_${randomBytes(4).toString("hex")}`;
  const databaseUrl = url.toString();
  const prefix = `frontline-bench-${randomBytes(4).toString("hex")}`;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const db = createPrismaClient(databaseUrl);
  const connection = createRedisConnection(env.REDIS_URL);
  const queue = createIngestQueue({ connection, prefix });
  const dir = await mkdtemp(join(tmpdir(), "frontline-bench-"));
  try {
    const texts = articleTexts(warmup + articles).map((text) => `${JSON.stringify({ text })}\n`);
    const warmupFile = join(dir, "warmup.jsonl");
    await writeFile(warmupFile, texts.slice(0, warmup).join(""));
    const file = join(dir, "articles.jsonl");
    await writeFile(file, texts.slice(warmup).join(""));
    // The importer's database client starts before any timer, as the workers do: Prisma loads its query compiler on
    // the first query, a one-off cost of the process, not of the articles.
    await db.$queryRaw`SELECT 1`;
    return await run({ db, queue, databaseUrl, prefix, file, warmupFile });
  } finally {
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    await connection.quit();
    await db.$disconnect();
    await dropDatabase(databaseUrl);
    await rm(dir, { recursive: true, force: true });
  }
}

/** SIGTERM and wait for the exit (the worker drains, and node writes e.g. its --cpu-prof); SIGKILL after `ms`. */
async function stopWorkers(workers: ChildProcess[], ms: number): Promise<void> {
  await Promise.all(
    workers.map(async (w) => {
      if (w.exitCode !== null || w.signalCode !== null) return;
      const exited = new Promise<void>((r) => w.once("exit", () => r()));
      w.kill("SIGTERM");
      const timer = setTimeout(() => w.kill("SIGKILL"), ms);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** The accepting side alone: the same bulk import as the end-to-end run, with no workers taking the jobs. */
export async function benchAcceptOnly(env: ServicesEnv, articles: number, log: (line: string) => void): Promise<AcceptOnlyResult> {
  return withBenchServices(env, { articles, warmup: 0 }, async ({ db, queue, file }) => {
    log(`accept only: ${articles} articles, bulk file → acceptIngestBatch (Postgres + BullMQ), no workers…`);
    const servicesBefore = servicesCpuMs();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const summary = await bulkIngest({ db, queue }, file, "jsonl", { onReject: (where, reason) => log(`${where}: ${reason}`) });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const servicesAfter = servicesCpuMs();
    const n = summary.accepted + summary.duplicates;
    const services = servicesPerArticle(servicesBefore, servicesAfter, n);
    return {
      articles: summary.accepted,
      duplicates: summary.duplicates,
      seconds,
      perSecond: n / seconds,
      cpuMsPerArticle: (cpu.user + cpu.system) / 1000 / n,
      userMsPerArticle: cpu.user / 1000 / n,
      systemMsPerArticle: cpu.system / 1000 / n,
      ...(services ? { servicesMsPerArticle: services } : {}),
    };
  });
}

export async function benchEndToEnd(env: ServicesEnv, options: E2eOptions, log: (line: string) => void): Promise<E2eResult> {
  return withBenchServices(env, options, async ({ db, queue, databaseUrl, prefix, file, warmupFile }) => {
    const workers: ChildProcess[] = [];
    try {
      log(`starting ${options.workers} worker processes (concurrency ${options.concurrency} each)…`);
      for (let i = 0; i < options.workers; i++) {
        const child = startWorker(
          {
            DATABASE_URL: databaseUrl,
            REDIS_URL: env.REDIS_URL,
            QUEUE_PREFIX: prefix,
            INGEST_CONCURRENCY: String(options.concurrency),
            WORKER_QUEUES: "ingest",
            LOG_LEVEL: "warn",
          },
          options.workerNodeArgs,
        );
        workers.push(child);
      }
      // The worker logs "worker ready" at info; at warn it is silent, so wait for BullMQ to see the workers instead.
      const deadline = Date.now() + 60_000;
      while ((await queue.getWorkersCount()) < options.workers) {
        if (Date.now() > deadline) throw new Error("workers did not start within 60 s");
        await new Promise((r) => setTimeout(r, 200));
      }

      const ingestAll = async (path: string) => {
        const start = performance.now();
        const summary = await bulkIngest({ db, queue }, path, "jsonl", { onReject: (where, reason) => log(`${where}: ${reason}`) });
        const accepted = performance.now();
        // Whether any article is still open, not how many: counting thousands of rows 10 times a second loaded the
        // Postgres being measured.
        while (await db.article.findFirst({ where: { status: { in: ["queued", "processing"] } }, select: { id: true } })) {
          await new Promise((r) => setTimeout(r, 100));
        }
        return { summary, start, accepted, end: performance.now() };
      };
      let warmup: E2eResult["warmup"];
      if (options.warmup > 0) {
        log(`warm-up: ${options.warmup} articles through the same path, not timed…`);
        const run = await ingestAll(warmupFile);
        const seconds = (run.end - run.start) / 1000;
        warmup = { articles: run.summary.accepted, seconds, perSecond: run.summary.accepted / seconds };
      }

      const eventsBefore = await db.event.count();
      log(`end to end: ${options.articles} articles, bulk file → acceptIngestBatch → BullMQ → worker → events…`);
      const workerPids = workers.map((w) => w.pid);
      const before = { workers: processesCpuMs(workerPids), importer: process.cpuUsage(), services: servicesCpuMs(), machine: machineCpuMs() };
      const { summary, start, accepted, end } = await ingestAll(file);
      const after = { workers: processesCpuMs(workerPids), importer: process.cpuUsage(before.importer), services: servicesCpuMs(), machine: machineCpuMs() };
      const events = (await db.event.count()) - eventsBefore;
      const failed = await db.article.count({ where: { status: "failed" } });
      if (failed > 0) log(`warning: ${failed} articles failed`);
      await stopWorkers(workers, 30_000);

      log("ceiling 1: BullMQ no-op jobs (addBulk 20,000, one in-process worker, concurrency 50)…");
      const noopJobsPerSecond = await noopCeiling(env.REDIS_URL, `${prefix}-noop`, 20_000);
      log("ceiling 2: batched inserts (articles rows with text, createMany of 500)…");
      const insertRowsPerSecond = await insertCeiling(db, 20_000);
      log("ceiling 3: the same rows, one INSERT … SELECT FROM unnest(…) per 500…");
      const rawInsertRowsPerSecond = await rawInsertCeiling(db, 20_000);

      const totalSeconds = (end - start) / 1000;
      const services = servicesPerArticle(before.services, after.services, summary.accepted);
      return {
        ...(warmup ? { warmup } : {}),
        articles: summary.accepted,
        events,
        acceptSeconds: (accepted - start) / 1000,
        totalSeconds,
        perSecond: summary.accepted / totalSeconds,
        acceptPerSecond: summary.accepted / ((accepted - start) / 1000),
        noopJobsPerSecond,
        insertRowsPerSecond,
        rawInsertRowsPerSecond,
        cpu: {
          importer: (after.importer.user + after.importer.system) / 1000 / summary.accepted,
          ...(before.workers !== undefined && after.workers !== undefined ? { workers: (after.workers - before.workers) / summary.accepted } : {}),
          ...(services ? { services } : {}),
          ...(before.machine && after.machine
            ? { machineBusy: (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total) }
            : {}),
        },
      };
    } finally {
      for (const w of workers) w.kill("SIGKILL");
    }
  });
}

async function noopCeiling(redisUrl: string, prefix: string, jobs: number): Promise<number> {
  const connection = createRedisConnection(redisUrl);
  const workerConnection = createRedisConnection(redisUrl);
  const queue = new Queue("noop", { connection, prefix });
  let done = 0;
  let finished: () => void = () => {};
  const all = new Promise<void>((r) => (finished = r));
  const worker = new Worker(
    "noop",
    async () => {
      if (++done === jobs) finished();
    },
    { connection: workerConnection, prefix, concurrency: 50, autorun: false, removeOnComplete: { count: 0 } },
  );
  try {
    const start = performance.now();
    for (let i = 0; i < jobs; i += 1_000) {
      await queue.addBulk(Array.from({ length: Math.min(1_000, jobs - i) }, (_, j) => ({ name: "noop", data: { i: i + j } })));
    }
    void worker.run();
    await all;
    return jobs / ((performance.now() - start) / 1000);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await connection.quit();
    await workerConnection.quit();
  }
}

const CEILING_TEXT = "Russian drones struck an electricity substation in Sumy region overnight, officials said. ".repeat(10);

async function insertCeiling(db: ReturnType<typeof createPrismaClient>, rows: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < rows; i += 500) {
    await db.article.createMany({
      data: Array.from({ length: Math.min(500, rows - i) }, (_, j) => ({
        id: randomUUID(),
        text: `${CEILING_TEXT} ${i + j}`,
        contentHash: `ceiling-${i + j}`,
        status: "done" as const,
      })),
    });
  }
  return rows / ((performance.now() - start) / 1000);
}

/** The same rows as insertCeiling, set-based through $executeRaw (as the worker writes): what Prisma's own building costs. */
async function rawInsertCeiling(db: ReturnType<typeof createPrismaClient>, rows: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < rows; i += 500) {
    const n = Math.min(500, rows - i);
    const ids = Array.from({ length: n }, () => randomUUID());
    const texts = Array.from({ length: n }, (_, j) => `${CEILING_TEXT} ${i + j}`);
    const hashes = Array.from({ length: n }, (_, j) => `raw-ceiling-${i + j}`);
    await db.$executeRaw`INSERT INTO articles (id, text, content_hash, status)
      SELECT id, text, hash, 'done' FROM unnest(${ids}::uuid[], ${texts}::text[], ${hashes}::text[]) AS r(id, text, hash)`;
  }
  return rows / ((performance.now() - start) / 1000);
}

export function renderE2e(r: E2eResult, options: E2eOptions): string {
  const row = (name: string, value: number, note: string) => `${name.padEnd(44)} ${value.toFixed(0).padStart(8)}  ${note}`;
  return [
    `${"measure".padEnd(44)} ${"per s".padStart(8)}`,
    row("end to end: articles/s (file → stored events)", r.perSecond, `target 500 on 2 cores: ${r.perSecond >= 500 ? "meets" : "BELOW"}`),
    ...(r.warmup ? [row("  cold start: articles/s (the warm-up)", r.warmup.perSecond, `first ${r.warmup.articles} articles: fresh workers, empty database`)] : []),
    row("  accept only: articles/s (file → Postgres + queue)", r.acceptPerSecond, ""),
    row("ceiling: BullMQ no-op jobs/s", r.noopJobsPerSecond, "addBulk + 1 worker, concurrency 50"),
    row("ceiling: batched inserts rows/s", r.insertRowsPerSecond, "Prisma createMany, 500 rows of ~900 chars"),
    row("ceiling: set-based inserts rows/s", r.rawInsertRowsPerSecond, "same rows, INSERT … SELECT FROM unnest via $executeRaw"),
    ...(r.cpu ? ["", ...renderCpu(r.cpu)] : []),
    "",
    `how measured: ${r.articles} distinct articles (8 sentences each, mixed by a seeded PRNG from samples/articles.jsonl and`,
    "the dev-set notes) written to a JSON Lines file; the workers started and the importer's Prisma client connected",
    r.warmup
      ? `first, and ${r.warmup.articles} other such articles run through the same path, timed the same way but apart (the steady`
      : "first, no warm-up (--warmup 0: a cold start, fresh workers and an empty database);",
    ...(r.warmup ? ["state: a fresh worker's first thousand articles cost it several times the CPU of later ones);"] : []),
    "timer from the start of the bulk import (streamed, validated, acceptIngestBatch in batches of 500: one",
    "set-based INSERT + addBulk) until no article is queued or processing, i.e.",
    "every article claimed from Postgres, enriched, its events, incidents and story written and it flipped to done (the",
    "worker claims and stores the articles of the jobs it runs at once in batches: one transaction per batch, whose last",
    `UPDATE of the articles marks them done; ${r.events} events).`,
    `${options.workers} worker processes (node ${[...options.workerNodeArgs, ""].join(" ")}--import tsx apps/worker/src/main.ts, INGEST_CONCURRENCY=${options.concurrency}) on ${cpus().length} CPUs,`,
    "real Postgres and Redis from DATABASE_URL / REDIS_URL, in a fresh database and queue prefix dropped afterwards.",
    "The insert ceilings write into articles with status done, so they include the stats change log's triggers.",
    "CPU: utime + stime from /proc (10 ms ticks) of the worker processes and of every process named postgres or",
    "redis-server (other clients' work included), and this process's process.cpuUsage(), from the timer's start to its",
    "end, divided by the articles accepted; machine busy is 1 - idle share of /proc/stat over the same span.",
    `Node ${process.version}.`,
  ].join("\n");
}

function renderCpu(cpu: NonNullable<E2eResult["cpu"]>): string[] {
  const ms = (name: string, value: number | undefined) => (value === undefined ? [] : [`${name.padEnd(44)} ${value.toFixed(3).padStart(8)}`]);
  const total =
    cpu.workers !== undefined && cpu.services !== undefined ? cpu.workers + cpu.importer + cpu.services.postgres + cpu.services.redis : undefined;
  return [
    `${"CPU over the timed span".padEnd(44)} ${"ms/art.".padStart(8)}`,
    ...ms("  worker processes (all threads)", cpu.workers),
    ...ms("  this process (bulk import, progress polling)", cpu.importer),
    ...ms("  local Postgres (all its processes)", cpu.services?.postgres),
    ...ms("  local Redis", cpu.services?.redis),
    ...ms("  sum", total),
    ...(cpu.machineBusy === undefined ? [] : [`${"  machine busy (all CPUs, anything running)".padEnd(44)} ${(cpu.machineBusy * 100).toFixed(0).padStart(7)}%`]),
  ];
}

export function renderAcceptOnly(r: AcceptOnlyResult): string {
  const n = r.articles + r.duplicates;
  return [
    `accept only: articles/s                ${r.perSecond.toFixed(0).padStart(8)}`,
    `accept only: CPU ms per article        ${r.cpuMsPerArticle.toFixed(3).padStart(8)}  (user ${r.userMsPerArticle.toFixed(3)}, system ${r.systemMsPerArticle.toFixed(3)})`,
    ...(r.servicesMsPerArticle !== undefined
      ? [
          `Postgres: CPU ms per article           ${r.servicesMsPerArticle.postgres.toFixed(3).padStart(8)}  (local processes, from /proc; 10 ms ticks)`,
          `Redis: CPU ms per article              ${r.servicesMsPerArticle.redis.toFixed(3).padStart(8)}`,
        ]
      : []),
    "",
    `how measured: ${n} distinct articles (as in bench --e2e) in a JSON Lines file, ${r.articles} accepted, ${r.duplicates} duplicates;`,
    "the bulk import (streamed, validated, acceptIngestBatch in batches of 500: one set-based INSERT + addBulk) with no",
    `worker running and the Prisma client connected first, timed from its start to its end (${r.seconds.toFixed(2)} s).`,
    "CPU is this process's process.cpuUsage()",
    "(user + system, all its threads) over the same span, divided by the articles read. Postgres + Redis (when local):",
    "utime + stime (+ exited children's) of every process named postgres or redis-server, other clients' work included.",
    `Real Postgres and Redis from DATABASE_URL / REDIS_URL, fresh database and queue prefix dropped afterwards. ${cpus().length} CPUs, Node ${process.version}.`,
  ].join("\n");
}
