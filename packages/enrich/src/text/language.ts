// Language by script and letters: Ukrainian has і ї є ґ, Russian has ы э ё ъ. Fast and good enough
// for the three languages Frontline ingests; anything else is "und".

const SAMPLE_CHARS = 20_000;

export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  let latin = 0;
  let cyrillic = 0;
  let ukrainian = 0;
  let russian = 0;
  for (const ch of sample) {
    const c = ch.toLowerCase();
    if (c >= "a" && c <= "z") latin++;
    else if (c >= "\u0400" && c <= "\u04ff") {
      cyrillic++;
      if ("іїєґ".includes(c)) ukrainian++;
      else if ("ыэёъ".includes(c)) russian++;
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
