// Word tokens with offsets into the original text. Matching works on tokens, so every dictionary
// match is whole-word by construction ("Zaporizke" can never match "Zaporizhzhia").

import { charCodeAt } from "./chars.ts";

export interface Token {
  /** Lower-cased, apostrophes unified, possessive 's removed, Cyrillic endings stemmed. */
  key: string;
  /** The token as written. */
  raw: string;
  start: number;
  end: number;
  /** Written with a possessive 's ("Russia's", "Kyiv’s"). */
  possessive: boolean;
}

/**
 * A token: a number with thousands separators ("12,000"), or letters and digits, joined by apostrophes and hyphens
 * ("Kupiansk-Vuzlovyi", "Russia's"). tokenize finds exactly what this pattern finds (tokens.test.ts checks), by
 * hand: a regex match per word allocated more than the rest of tokenising.
 */
export const WORD = /\d{1,3}(?:,\d{3})+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’ʼ-][\p{L}\p{N}]+)*(?:['’ʼ]s\b)?/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Whether a non-ASCII BMP character is a letter or digit: 0 not yet known, 1 yes, 2 no. */
const letterOrDigitCache = new Uint8Array(0x10000);
const CYRILLIC = /[\u0400-\u04ff]/;

// Case endings of Ukrainian and Russian adjectives and nouns, longest first. Stemming both the
// dictionary and the text lets "Дніпропетровська" match "Дніпропетровській" and "Курская" match "Курской".
const CYRILLIC_ENDINGS = [
  "ською",
  "ської",
  "ській",
  "ська",
  "ське",
  "ський",
  "ських",
  "ским",
  "ская",
  "ской",
  "ском",
  "ские",
  "ских",
  "ский",
  "ское",
  "ами",
  "ями",
  "ові",
  "еві",
  "ою",
  "ої",
  "ій",
  "ая",
  "ой",
  "ую",
  "ий",
  "ом",
  "ів",
  "ям",
  "ях",
  "і",
  "ї",
  "а",
  "я",
  "у",
  "ю",
  "е",
  "є",
  "и",
  "ы",
  "о",
];

export function stemCyrillic(word: string): string {
  for (const ending of CYRILLIC_ENDINGS) {
    if (word.length - ending.length >= 4 && word.endsWith(ending)) {
      // Keep the "ськ"/"ск" of adjectival region names so the stem stays distinctive.
      const stem = word.slice(0, word.length - ending.length);
      return ending.startsWith("ськ") || ending.startsWith("ск")
        ? stem + ending.slice(0, ending.startsWith("ськ") ? 3 : 2)
        : stem;
    }
  }
  return word;
}

export function tokenKey(raw: string): { key: string; possessive: boolean } {
  // Most tokens are lower-case ASCII words (digits and hyphens allowed): already their own key. The check is
  // cheaper than toLowerCase, which takes a slow path on the two-byte strings that every token of a text with
  // one ’ or Cyrillic letter is; the other words repeat across articles, so their keys are kept.
  if (isPlainLowerAscii(raw)) return { key: raw, possessive: false };
  let known = keyCache.get(raw);
  if (known === undefined) {
    known = keyOf(raw);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(raw, known);
  }
  return known;
}

// Bounded, so a long-running worker cannot grow it forever.
const keyCache = new Map<string, { key: string; possessive: boolean }>();
const KEY_CACHE_LIMIT = 50_000;

function keyOf(raw: string): { key: string; possessive: boolean } {
  const lower = raw.toLowerCase();
  // Most words have no apostrophe: skip the replace scan for them.
  let word = lower.includes("’") || lower.includes("ʼ") ? lower.replace(/[’ʼ]/g, "'") : lower;
  let possessive = false;
  if (word.endsWith("'s") && word.length > 2) {
    word = word.slice(0, -2);
    possessive = true;
  }
  if (CYRILLIC.test(word)) word = stemCyrillic(word);
  return { key: word, possessive };
}

function isPlainLowerAscii(raw: string): boolean {
  // The length read once: tokens come in several string representations, which makes each read a slow lookup.
  for (let i = 0, n = raw.length; i < n; i++) {
    const c = charCodeAt(raw, i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false;
  }
  return true;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let p = from;
  // A /u regex started inside a surrogate pair starts at the pair.
  if (p > 0 && isLowSurrogate(charCodeAt(text, p)) && isHighSurrogate(charCodeAt(text, p - 1))) p--;
  while (p < to) {
    if (letterOrDigitAt(text, p) === 0) {
      p++;
      continue;
    }
    const end = numberEnd(text, p) ?? wordEnd(text, p);
    const raw = text.slice(p, end);
    const { key, possessive } = tokenKey(raw);
    tokens.push({ key, raw, start: p, end, possessive });
    p = end;
  }
  return tokens;
}

/** The length (1, or 2 for a surrogate pair) of the letter or digit at `at`; 0 when there is none. */
function letterOrDigitAt(text: string, at: number): number {
  if (at >= text.length) return 0;
  const c = charCodeAt(text, at);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) ? 1 : 0;
  if (isHighSurrogate(c) && isLowSurrogate(charCodeAt(text, at + 1))) {
    return LETTER_OR_DIGIT.test(text.slice(at, at + 2)) ? 2 : 0;
  }
  let known = letterOrDigitCache[c]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    letterOrDigitCache[c] = known;
  }
  return known === 1 ? 1 : 0;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** WORD's first alternative at `at`: the end of "12,000" (1-3 digits, then groups of three), if it matches. */
function numberEnd(text: string, at: number): number | undefined {
  let digits = 0;
  while (digits < 4 && isDigit(charCodeAt(text, at + digits))) digits++;
  if (digits === 0 || digits > 3) return undefined;
  const ends: number[] = [];
  let e = at + digits;
  while (
    charCodeAt(text, e) === 0x2c &&
    isDigit(charCodeAt(text, e + 1)) &&
    isDigit(charCodeAt(text, e + 2)) &&
    isDigit(charCodeAt(text, e + 3))
  ) {
    e += 4;
    ends.push(e);
  }
  // As the pattern backtracks: the most groups not followed by a letter or digit.
  for (let k = ends.length - 1; k >= 0; k--) if (letterOrDigitAt(text, ends[k]!) === 0) return ends[k];
  return undefined;
}

/**
 * WORD's second alternative at `at`: letters and digits, joined by apostrophes and hyphens. (Its possessive tail
 * never adds anything: the joined part has already taken any "'s".)
 */
function wordEnd(text: string, at: number): number {
  let e = at;
  for (;;) {
    for (let n = letterOrDigitAt(text, e); n > 0; n = letterOrDigitAt(text, e)) e += n;
    const c = charCodeAt(text, e);
    const joiner = c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x2d;
    if (!joiner || letterOrDigitAt(text, e + 1) === 0) return e;
    e++;
  }
}

/** Tokens of a dictionary phrase, keyed the same way as text tokens. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}

/** The tokens inside [start, end), by binary search over tokens sorted by offset. */
export function tokensIn(tokens: readonly Token[], start: number, end: number): readonly Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo;
  while (last < tokens.length && tokens[last]!.end <= end) last++;
  return tokens.slice(lo, last);
}
