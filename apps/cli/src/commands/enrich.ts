// `frontline enrich`: JSON Lines in, one EnrichedArticle (or {id, error}) per line out, in order. No services needed.
import { createInterface } from "node:readline";
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

export async function runEnrich(input: Readable, output: Writable): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    // Blank lines still get an answer, so output line N always belongs to input line N.
    const out = line.trim() === "" ? JSON.stringify({ id: null, error: `line ${lineNumber}: empty line` }) : enrichLine(line, lineNumber);
    if (!output.write(`${out}\n`)) await new Promise((resolve) => output.once("drain", resolve));
  }
  return 0;
}
