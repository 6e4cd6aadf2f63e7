// Language by script and letters: Ukrainian has і ї є ґ, Russian has ы э ё ъ. Fast and good enough
// for the three languages Frontline ingests; anything else is "und".
import { charCodeAt } from "./chars.ts";

const SAMPLE_CHARS = 20_000;
const codes = (letters: string) => new Set([...letters].map((c) => c.charCodeAt(0)));
const UKRAINIAN_LETTERS = codes("іїєґІЇЄҐ");
const RUSSIAN_LETTERS = codes("ыэёъЫЭЁЪ");
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

// What a character outside ASCII and the Cyrillic block counts as, once lower-cased.
const UNKNOWN = 0;
const OTHER = 1;
const LATIN = 2;
const CYRILLIC = 3;
const UKRAINIAN = 4;
const RUSSIAN = 5;
const otherKinds = new Uint8Array(0x10000);

function kindOf(char: string): number {
  const c = char.toLowerCase();
  if (c >= "a" && c <= "z") return LATIN;
  if (c >= "\u0400" && c <= "\u04ff") {
    if ("іїєґ".includes(c)) return UKRAINIAN;
    if ("ыэёъ".includes(c)) return RUSSIAN;
    return CYRILLIC;
  }
  return OTHER;
}

export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  let latin = 0;
  let cyrillic = 0;
  let ukrainian = 0;
  let russian = 0;
  // By UTF-16 unit: ASCII and Cyrillic letters are counted without building a string per character; anything else
  // (rare in the languages ingested) goes through toLowerCase, which maps a few such letters into those ranges.
  for (let i = 0; i < sample.length; i++) {
    const code = charCodeAt(sample, i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    } else if (code >= 0x400 && code <= 0x4ff) {
      // Cyrillic letters lower-case within the block; the letters that tell the languages apart, either case.
      cyrillic++;
      if (UKRAINIAN_LETTERS.has(code)) ukrainian++;
      else if (RUSSIAN_LETTERS.has(code)) russian++;
    } else {
      const pair =
        code >= 0xd800 && code <= 0xdbff && i + 1 < sample.length && isLowSurrogate(charCodeAt(sample, i + 1));
      let kind: number;
      if (pair) {
        kind = kindOf(sample.slice(i, i + 2));
        i++;
      } else {
        // Punctuation such as ’ and “ recurs in every article: its kind is worked out once.
        kind = otherKinds[code]!;
        if (kind === UNKNOWN) {
          kind = kindOf(String.fromCharCode(code));
          otherKinds[code] = kind;
        }
      }
      if (kind === LATIN) latin++;
      else if (kind !== OTHER) {
        cyrillic++;
        if (kind === UKRAINIAN) ukrainian++;
        else if (kind === RUSSIAN) russian++;
      }
    }
  }
  const letters = latin + cyrillic;
  if (letters < 3) return "und";
  if (cyrillic > latin) {
    if (ukrainian > russian) return "uk";
    if (russian > ukrainian) return "ru";
    return "und";
  }
  return ENGLISH_WORDS.test(sample) ? "en" : "und";
}

const ENGLISH_WORDS = /\b(?:the|and|of|in|to|said|was|is|on|for|with)\b/i;
