// Language by script and letters: Ukrainian has і ї є ґ, Russian has ы э ё ъ. Fast and good enough
// for the three languages Frontline ingests; anything else is "und".

const SAMPLE_CHARS = 20_000;
const codes = (letters: string) => new Set([...letters].map((c) => c.charCodeAt(0)));
const UKRAINIAN_LETTERS = codes("іїєґІЇЄҐ");
const RUSSIAN_LETTERS = codes("ыэёъЫЭЁЪ");
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  let latin = 0;
  let cyrillic = 0;
  let ukrainian = 0;
  let russian = 0;
  // By UTF-16 unit: ASCII and Cyrillic letters are counted without building a string per character; anything else
  // (rare in the languages ingested) goes through toLowerCase, which maps a few such letters into those ranges.
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    } else if (code >= 0x400 && code <= 0x4ff) {
      // Cyrillic letters lower-case within the block; the letters that tell the languages apart, either case.
      cyrillic++;
      if (UKRAINIAN_LETTERS.has(code)) ukrainian++;
      else if (RUSSIAN_LETTERS.has(code)) russian++;
    } else {
      const pair =
        code >= 0xd800 && code <= 0xdbff && i + 1 < sample.length && isLowSurrogate(sample.charCodeAt(i + 1));
      const c = sample.slice(i, pair ? i + 2 : i + 1).toLowerCase();
      if (pair) i++;
      if (c >= "a" && c <= "z") latin++;
      else if (c >= "\u0400" && c <= "\u04ff") {
        cyrillic++;
        if ("іїєґ".includes(c)) ukrainian++;
        else if ("ыэёъ".includes(c)) russian++;
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
