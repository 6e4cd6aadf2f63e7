// Word tokens with offsets into the original text. Matching works on tokens, so every dictionary
// match is whole-word by construction ("Zaporizke" can never match "Zaporizhzhia").

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

const WORD = /\d{1,3}(?:,\d{3})+(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’ʼ-][\p{L}\p{N}]+)*(?:['’ʼ]s\b)?/gu;
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
  // one ’ or Cyrillic letter is.
  if (isPlainLowerAscii(raw)) return { key: raw, possessive: false };
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
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) return false;
  }
  return true;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const pattern = new RegExp(WORD.source, WORD.flags);
  pattern.lastIndex = from;
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    const raw = m[0];
    const { key, possessive } = tokenKey(raw);
    tokens.push({ key, raw, start: m.index, end: m.index + raw.length, possessive });
  }
  return tokens;
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
