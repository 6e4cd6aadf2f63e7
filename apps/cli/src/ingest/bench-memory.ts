// `frontline bench --bulk-memory [--lines N]`: peak memory of the bulk import's streaming side (read, parse, validate
// with IngestRequest, batch) over JSON Lines files of growing size, each in a fresh process, so a flat peak shows the
// import does not hold the file. The database and queue side holds one batch at a time (awaited before reading on),
// so its share is bounded by the batch size whatever the file size; here a batch is dropped where it would be sent.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { IngestRequest } from "@frontline/model";
import { readRecords } from "./read-records.ts";

export interface MemoryResult {
  lines: number;
  seconds: number;
  peakRssBytes: number;
  peakHeapBytes: number;
  /** Heap in use after a full GC at the end, before the batch and reader are let go: what the run holds on to. */
  retainedHeapBytes: number;
  accepted: number;
}

const BATCH = 500;

async function writeLines(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < lines; i++) {
    const line = `${JSON.stringify({ text: `Report ${i}: drones struck a depot in Kharkiv region overnight, the governor said.`, source: "Bench Wire" })}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** The measured run (in the child process): the same read, validate and batch loop as bulkIngest. */
async function measureFile(file: string, lines: number): Promise<MemoryResult> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const start = performance.now();
  let accepted = 0;
  let batch: IngestRequest[] = [];
  for await (const record of readRecords(file, "jsonl", () => {})) {
    if (record.error) continue;
    const parsed = IngestRequest.safeParse(record.value);
    if (!parsed.success) continue;
    batch.push(parsed.data);
    if (batch.length >= BATCH) {
      accepted += batch.length;
      batch = [];
      await new Promise((r) => setImmediate(r)); // where acceptIngestBatch would be awaited
    }
  }
  accepted += batch.length;
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - start) / 1000;
  (globalThis as { gc?: () => void }).gc?.();
  const retainedHeapBytes = process.memoryUsage().heapUsed;
  return { lines, seconds, peakRssBytes: peakRss, peakHeapBytes: peakHeap, retainedHeapBytes, accepted };
}

function inChild(file: string, lines: number): Promise<MemoryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), file, String(lines)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as MemoryResult) : reject(new Error(`child exited ${code}`))));
  });
}

export async function benchBulkMemory(maxLines: number, log: (line: string) => void): Promise<MemoryResult[]> {
  const dir = await mkdtemp(join(tmpdir(), "frontline-bulk-memory-"));
  try {
    const sizes = [10_000, 100_000, 1_000_000].filter((n) => n < maxLines);
    sizes.push(maxLines);
    const results: MemoryResult[] = [];
    for (const lines of sizes) {
      const file = join(dir, `${lines}.jsonl`);
      log(`writing ${lines} lines…`);
      await writeLines(file, lines);
      log(`reading ${lines} lines in a fresh process…`);
      results.push(await inChild(file, lines));
      await rm(file);
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function renderBulkMemory(results: MemoryResult[]): string {
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  return [
    `${"lines".padStart(10)}  ${"seconds".padStart(8)}  ${"lines/s".padStart(9)}  ${"peak RSS MB".padStart(11)}  ${"peak heap MB".padStart(12)}  ${"retained heap MB".padStart(16)}`,
    ...results.map(
      (r) =>
        `${String(r.lines).padStart(10)}  ${r.seconds.toFixed(1).padStart(8)}  ${(r.lines / r.seconds).toFixed(0).padStart(9)}  ${mb(r.peakRssBytes).padStart(11)}  ${mb(r.peakHeapBytes).padStart(12)}  ${mb(r.retainedHeapBytes).padStart(16)}`,
    ),
    "",
    "how measured: a JSON Lines file of N distinct articles is read by the bulk import's reader (readline over a file",
    `stream), each line parsed and validated with IngestRequest and batched by ${BATCH}, in a fresh Node process per size;`,
    "process.memoryUsage() sampled every 20 ms. A batch is dropped where `frontline ingest` awaits acceptIngestBatch",
    "(one batch in flight at a time, so the database side adds a bounded amount). Retained heap = heapUsed after a full",
    "GC at the end of the run: what the import still holds. Peaks drift up with size only as V8 collects lazily.",
    `Node ${process.version}.`,
  ].join("\n");
}

// Child entry: `node --import tsx bench-memory.ts FILE LINES` prints one MemoryResult as JSON.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, lines] = process.argv.slice(2);
  measureFile(file!, Number(lines)).then((r) => process.stdout.write(JSON.stringify(r)));
}
