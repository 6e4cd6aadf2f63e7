// Streams the records of a bulk import: JSON Lines, CSV (header row: text,url,html,title,source,publishedAt,language),
// or a folder of .txt / .html files. One record at a time, so memory stays flat however large the input.
import { createReadStream } from "node:fs";
import { opendir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { UserError } from "../errors.ts";

export interface InputRecord {
  /** Where it came from, for error messages: "line 12" or a file path. */
  where: string;
  /** The parsed record, or why it could not be parsed. */
  value: unknown;
  error?: string;
}

export type InputKind = "jsonl" | "csv" | "folder";

export async function inputKind(path: string): Promise<InputKind> {
  if ((await stat(path)).isDirectory()) return "folder";
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".jsonl" || ext === ".ndjson" || ext === ".json") return "jsonl";
  throw new UserError(`cannot tell the format of ${path}: use .jsonl, .csv or a folder of .txt/.html files`);
}

/** Size of the input in the unit `onProgress` reports: bytes of a file, or files of a folder. */
export async function inputSize(path: string, kind: InputKind): Promise<number> {
  if (kind !== "folder") return (await stat(path)).size;
  let n = 0;
  for await (const entry of await opendir(path)) if (entry.isFile() && FOLDER_EXTENSIONS.has(extname(entry.name).toLowerCase())) n++;
  return n;
}

const FOLDER_EXTENSIONS = new Set([".txt", ".html", ".htm"]);

export async function* readRecords(path: string, kind: InputKind, onProgress: (done: number) => void): AsyncGenerator<InputRecord> {
  if (kind === "jsonl") yield* readJsonLines(path, onProgress);
  else if (kind === "csv") yield* readCsv(path, onProgress);
  else yield* readFolder(path, onProgress);
}

async function* readJsonLines(path: string, onProgress: (bytes: number) => void): AsyncGenerator<InputRecord> {
  const stream = createReadStream(path);
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (n % 1000 === 0) onProgress(stream.bytesRead);
    if (line.trim() === "") continue;
    try {
      yield { where: `line ${n}`, value: JSON.parse(line) };
    } catch (err) {
      yield { where: `line ${n}`, value: undefined, error: `not JSON: ${(err as Error).message}` };
    }
  }
  onProgress(stream.bytesRead);
}

const CSV_COLUMNS = new Set(["text", "url", "html", "title", "source", "publishedAt", "language"]);

async function* readCsv(path: string, onProgress: (bytes: number) => void): AsyncGenerator<InputRecord> {
  const stream = createReadStream(path);
  // A malformed record is skipped and reported in its place rather than failing the stream, which would drop the
  // records parsed but not yet consumed (and, at the end of the file, everything after the last batch).
  const skipped: (InputRecord & { line: number })[] = [];
  const parser = stream.pipe(
    parse({
      columns: true,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        const line = (err as { lines?: number } | undefined)?.lines;
        skipped.push({ where: line === undefined ? path : `line ${line}`, line: line ?? 0, value: undefined, error: csvReason(err) });
      },
    }),
  );
  let n = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    // The parser runs ahead of this loop: skips are reported in line order among the records.
    while (skipped.length > 0 && skipped[0]!.line < info.lines) yield withoutLine(skipped.shift()!);
    if (++n % 1000 === 0) onProgress(stream.bytesRead);
    // Empty cells are absent fields; unknown columns are passed on so validation names them.
    const value: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) if (v !== "" || !CSV_COLUMNS.has(k)) value[k] = v;
    yield { where: `line ${info.lines}`, value };
  }
  for (const s of skipped) yield withoutLine(s);
  onProgress(stream.bytesRead);
}

const withoutLine = ({ line: _, ...record }: InputRecord & { line: number }): InputRecord => record;

function csvReason(err: (Error & { code?: string }) | undefined): string {
  if (err?.code === "CSV_QUOTE_NOT_CLOSED") return "unterminated quote: the file ends inside a quoted field";
  return err?.message ?? "malformed CSV";
}

async function* readFolder(path: string, onProgress: (files: number) => void): AsyncGenerator<InputRecord> {
  let n = 0;
  const names: string[] = [];
  for await (const entry of await opendir(path)) {
    if (entry.isFile() && FOLDER_EXTENSIONS.has(extname(entry.name).toLowerCase())) names.push(entry.name);
  }
  names.sort(); // stable order: reruns report the same way
  for (const name of names) {
    const file = join(path, name);
    const body = await readFile(file, "utf8");
    const isText = extname(name).toLowerCase() === ".txt";
    yield { where: file, value: isText ? { text: body } : { html: body } };
    onProgress(++n);
  }
}
