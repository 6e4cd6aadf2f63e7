// Sentence and clause spans with offsets into the original text; nothing is removed or rewritten.

export interface Span {
  start: number;
  end: number;
}

// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "mr",
  "mrs",
  "ms",
  "dr",
  "gen",
  "lt",
  "col",
  "maj",
  "sgt",
  "capt",
  "pres",
  "gov",
  "sen",
  "rep",
  "st",
  "no",
  "vs",
  "approx",
  "est",
  "u.s",
  "u.n",
  "u.k",
  "e.g",
  "i.e",
  "etc",
]);

const BOUNDARY = /[.!?…]+["”’»)]*(?=\s+["“«(]?[\p{Lu}\p{N}])|\n\s*/gu;
const WORD_BEFORE = /([\p{L}.]+)$/u;
const SINGLE_LETTER = /^\p{L}$/u;
const SPACE = /\s/;

/** Sentences, also broken at line ends (paragraphs, headlines). Trimmed; empty ones dropped. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = from;
  // The shared regex, not a new one per call; lastIndex is set here.
  const pattern = BOUNDARY;
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    const isNewline = m[0].startsWith("\n");
    if (!isNewline) {
      const word = WORD_BEFORE.exec(text.slice(Math.max(start, m.index - 12), m.index))?.[1]?.toLowerCase() ?? "";
      if (ABBREVIATIONS.has(word) || SINGLE_LETTER.test(word)) continue;
    }
    pushTrimmed(text, start, isNewline ? m.index : m.index + m[0].length, spans);
    start = m.index + m[0].length;
    if (m[0].length === 0) pattern.lastIndex++;
  }
  pushTrimmed(text, start, to, spans);
  return spans;
}

// Clause breaks: semicolons and a comma before a conjunction that starts a new statement.
const CLAUSE_BREAK = /;\s+|,\s+(?=(?:and|but|although|though|while|whereas|а|але|но|однак|однако)\s)/giu;

export function splitClauses(text: string, sentence: Span): Span[] {
  const spans: Span[] = [];
  let start = sentence.start;
  const slice = text.slice(sentence.start, sentence.end);
  // The shared regex, not matchAll's clone of it per sentence; lastIndex is reset here and ends at 0.
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(slice); m !== null; m = CLAUSE_BREAK.exec(slice)) {
    const at = sentence.start + m.index;
    pushTrimmed(text, start, at, spans);
    start = at + m[0].length;
  }
  pushTrimmed(text, start, sentence.end, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, into: Span[]): void {
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  if (end > start) into.push({ start, end });
}
