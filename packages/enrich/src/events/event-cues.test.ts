import { describe, expect, it } from "vitest";
import cuesData from "../../rules/event-cues.json";
import { findCueHits } from "./event-cues.ts";

// findCueHits tries, at each word start, only the cues that can start there. It must find exactly what one global
// scan with all cues in one alternation finds, as it did before: that pattern is rebuilt here as the reference.
const cues = Object.values(cuesData.types).flat() as { pattern: string; prefix?: boolean }[];
const words = (pattern: string) => pattern.split(" ").length;
const groups = cues
  .slice()
  .sort((a, b) => words(b.pattern) - words(a.pattern))
  .map((c) => `((?:${c.pattern})${c.prefix ? "" : "(?![\\p{L}\\p{N}])"})`)
  .join("|");
const lowerGroups = groups
  .toLowerCase()
  .replace(/\\p\{l\}/g, "\\p{L}")
  .replace(/\\p\{n\}/g, "\\p{N}");
const START = "(?<![\\p{L}\\p{N}-])";
const reference = {
  lower: new RegExp(`${START}(?:${lowerGroups})`, "gu"),
  asWritten: new RegExp(`${START}(?:${groups})`, "giu"),
};

function referenceHits(text: string): { cue: number; start: number; end: number }[] {
  const lowered = text.toLowerCase();
  const sameLength = lowered.length === text.length;
  const out = [];
  for (const m of (sameLength ? lowered : text).matchAll(sameLength ? reference.lower : reference.asWritten)) {
    let group = 1;
    while (m[group] === undefined) group++;
    out.push({ cue: group - 1, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const PIECES = [
  "Russian forces ",
  "shelled ",
  "Shot down ",
  "drones",
  "-drones",
  "x-strike",
  "russian-occupied ",
  "in the ",
  "occupied city",
  "captured",
  "ДРОНИ атакували ",
  "обстріл",
  "😀",
  "𝐀strike",
  "ſhelling",
  "İ",
  "\u1c80",
  ", and ",
  "12 ",
  "missiles",
  "'",
  "’",
  "air defence were active",
  "took control of",
  "protesters",
  "mob",
  "ied",
  "carried",
  " ",
];

describe("findCueHits", () => {
  it("finds what one scan with every cue finds", () => {
    const texts = [
      "On 5 March 2022, Russian forces shelled Kharkiv; two civilians were killed and the advance had been stopped.",
      "Ukraine's air force said it shot down 64 of 90 drones overnight, while Russian-occupied towns reported blackouts.",
      "Police detained protesters after a rally; the mob attacked a car carried by the crowd.",
    ];
    let x = 11;
    for (let k = 0; k < 1500; k++) {
      let text = "";
      for (let i = 0; i < 6; i++) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        text += PIECES[x % PIECES.length];
      }
      texts.push(text);
    }
    for (const text of texts) {
      const actual = findCueHits(text, 0, text.length).map(({ cue, start, end }) => ({ cue, start, end }));
      expect(actual, JSON.stringify(text)).toEqual(referenceHits(text));
    }
  });
});
