// `frontline enrich`: JSON Lines in, one EnrichedArticle (or {id, error}) per line out, in order. No services needed.
import type { Readable, Writable } from "node:stream";
import { enrichArticle } from "@frontline/enrich";
import { EnrichedArticle } from "@frontline/model";
import { z } from "zod";

export const EnrichInputLine = z.object({
  id: z.string().min(1),
  text: z.string(),
  publishedAt: z.iso.date().optional(),
  title: z.string().optional(),
  source: z.string().optional(),
});

/** One output line for one input line; never throws. */
export function enrichLine(line: string, lineNumber: number): string {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return JSON.stringify({ id: null, error: `line ${lineNumber}: not valid JSON` });
  }
  const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : null;
  const input = EnrichInputLine.safeParse(raw);
  if (!input.success) {
    return JSON.stringify({ id, error: `line ${lineNumber}: ${z.prettifyError(input.error).replace(/\n/g, "; ")}` });
  }
  try {
    // Validated on the way out too: other tools depend on this shape exactly.
    return JSON.stringify(EnrichedArticle.parse(enrichArticle(input.data)));
  } catch (err) {
    return JSON.stringify({ id, error: `line ${lineNumber}: enrichment failed: ${(err as Error).message}` });
  }
}

/**
 * Lines as JSON Lines defines them: split on "\n" only (a trailing "\r" is dropped). node:readline would also
 * split on a lone "\r" inside binary junk and so answer one input line with several output lines.
 * Invalid UTF-8 decodes to U+FFFD rather than failing the line.
 */
export async function* jsonLines(input: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let pending: Buffer[] = [];
  const decode = (parts: Buffer[]) => decoder.decode(Buffer.concat(parts)).replace(/\r$/, "");
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      yield decode(pending);
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield decode(pending);
}

export async function runEnrich(input: Readable, output: Writable): Promise<number> {
  let lineNumber = 0;
  for await (const line of jsonLines(input)) {
    lineNumber += 1;
    // Blank lines still get an answer, so output line N always belongs to input line N.
    const out = line.trim() === "" ? JSON.stringify({ id: null, error: `line ${lineNumber}: empty line` }) : enrichLine(line, lineNumber);
    if (!output.write(`${out}\n`)) await new Promise((resolve) => output.once("drain", resolve));
  }
  return 0;
}
