// Page furniture (skip links, share bars, bylines) and wire attribution ("APA reports citing Reuters").
// Boilerplate lines become ignored spans; the text itself is never altered, so offsets stay valid.
import { z } from "zod";
import rulesData from "../../rules/text-rules.json";
import type { Span } from "./sentences.ts";

const TextRules = z.object({
  boilerplateLines: z.array(z.string()),
  outlets: z.array(z.string().min(1)),
});
const rules = TextRules.parse(rulesData);

const boilerplateLine = new RegExp(`^(?:${rules.boilerplateLines.join("|")})$`, "iu");
const outletPattern = rules.outlets
  .slice()
  .sort((a, b) => b.length - a.length)
  .map((o) => o.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
  .join("|");
// Outlet names are proper nouns: matched case-sensitively.
const CREDITED = `(?:citing|according to|told|quoted by|cited by|speaking to|told the)\\s+(?:the\\s+)?(${outletPattern})(?![\\p{L}])`;
const ATTRIBUTION = new RegExp(
  `(?<![\\p{L}])(${outletPattern})\\s+(?:reports?|reported|said)\\s+citing\\s+(?:the\\s+)?(${outletPattern})(?![\\p{L}])|${CREDITED}`,
  "gu",
);
// ATTRIBUTION's second alternative alone, for text without "citing", where the first cannot match: without the
// first's leading lookbehind, V8 scans for it several times faster.
const CREDITED_ONLY = new RegExp(CREDITED, "gu");
const ATTRIBUTION_CLAUSE = new RegExp(
  `,?\\s*(?:${outletPattern})\\s+(?:reports?|reported)\\s+citing\\s+(?:the\\s+)?(?:${outletPattern})\\.?`,
  "gu",
);

const MAX_LINE_FOR_BOILERPLATE = 200;
// Literal words each pattern needs (it is case-sensitive): most texts have none, and a substring search is far
// cheaper than the patterns' scan over the outlet names at every position.
const CLAUSE_WORDS = ["citing"];
const ATTRIBUTION_WORDS = ["citing", "according to", "told", "quoted by", "cited by", "speaking to"];
const hasAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

/** Spans of whole lines that are boilerplate, plus "X reports citing Y" tails inside sentences. */
export function findIgnoredSpans(text: string, limit: number): Span[] {
  const spans: Span[] = [];
  let lineStart = 0;
  while (lineStart < limit) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1 || lineEnd > limit) lineEnd = limit;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line.length > 0 && line.length <= MAX_LINE_FOR_BOILERPLATE && boilerplateLine.test(line)) {
      spans.push({ start: lineStart, end: lineEnd });
    }
    lineStart = lineEnd + 1;
  }
  const head = text.slice(0, limit);
  if (!hasAny(head, CLAUSE_WORDS)) return spans;
  for (const m of head.matchAll(ATTRIBUTION_CLAUSE)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Outlets the text credits, in order of first mention. */
export function findSources(text: string, limit: number): string[] {
  const found: string[] = [];
  const head = text.slice(0, limit);
  if (!hasAny(head, ATTRIBUTION_WORDS)) return found;
  if (head.includes("citing")) {
    for (const m of head.matchAll(ATTRIBUTION)) {
      for (const name of [m[1], m[2], m[3]]) if (name && !found.includes(name)) found.push(name);
    }
  } else {
    for (const m of head.matchAll(CREDITED_ONLY)) if (m[1] && !found.includes(m[1])) found.push(m[1]);
  }
  return found;
}

export function overlapsAny(span: Span, ignored: readonly Span[]): boolean {
  return ignored.some((i) => i.start <= span.start && span.end <= i.end);
}
