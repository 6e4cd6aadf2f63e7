import { describe, expect, it } from "vitest";
import { CaselessPattern, lowerForMatching } from "./caseless.ts";

// The claim of caseless.ts: where lowerForMatching gives a lower-cased text, a pattern written in lower case finds
// the same without the i flag there as with it on the text as written. It rests on each character matching the
// same letters and classes either way; checked here for every BMP character, then on whole patterns.
const LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюяўѣꙋ'’ʼ-";
const CLASSES = [String.raw`[\p{L}]`, String.raw`[\p{N}]`, String.raw`[\p{L}\p{N}]`, String.raw`\w`, String.raw`\s`];

describe("lowerForMatching", () => {
  it("keeps every BMP character it accepts matching the same letters and classes", { timeout: 30_000 }, () => {
    const letter = { folded: new RegExp(`^[${LETTERS}]$`, "iu"), lower: new RegExp(`^[${LETTERS}]$`, "u") };
    const classes = CLASSES.map((c) => ({ folded: new RegExp(`^${c}$`, "iu"), lower: new RegExp(`^${c}$`, "u") }));
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      const lower = lowerForMatching(char);
      if (lower === undefined) continue;
      for (const { folded, lower: plain } of [letter, ...classes]) {
        if (plain.test(lower) !== folded.test(char)) differ.push(`U+${code.toString(16)} ${folded.source}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it("refuses the characters that fold unlike their lower case, and any change of length", () => {
    expect(lowerForMatching("Said")).toBe("said");
    for (const text of ["ſaid", "\u0345", "\u1c80", "İstanbul"]) expect(lowerForMatching(text)).toBeUndefined();
  });
});

describe("CaselessPattern", () => {
  const PIECES = [
    "Said",
    "SAID",
    "said",
    "unsaid",
    "ſaid",
    "İ",
    " ",
    "-",
    "K",
    "Kyiv",
    "Заявив",
    "ЗАЯВИВ",
    "\u1c80",
    "According To",
    "reports say",
    "𝐀",
    "1",
    ",",
    "ned",
  ];
  const SOURCES = [
    String.raw`(?<![\p{L}])(?:said|says|заяви\p{L}*)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:according to|reports? say)(?![\p{L}])`,
    String.raw`\b(?:said|kyiv)\b`,
    String.raw`(?:^|[^\p{L}])(?:said|kyiv)\s+(?:[\p{L}-]+\s+)?$`,
  ];

  it("finds what the /iu pattern finds, at the same offset", () => {
    let x = 7;
    for (const source of SOURCES) {
      for (const bounded of [true, false]) {
        const pattern = new CaselessPattern(source, bounded);
        const reference = new RegExp(source, "iu");
        for (let k = 0; k < 2000; k++) {
          let text = "";
          for (let i = 0; i < 5; i++) {
            x = (x * 1103515245 + 12345) % 2 ** 31;
            text += PIECES[x % PIECES.length];
          }
          const expected = reference.exec(text);
          const actual = pattern.exec(text, lowerForMatching(text));
          expect(actual?.index, `${source} on ${JSON.stringify(text)}`).toBe(expected?.index);
          expect(actual?.[0].length).toBe(expected?.[0].length);
        }
      }
    }
  });
});
