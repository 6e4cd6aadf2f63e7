import { describe, expect, it } from "vitest";
import { BoundedPattern } from "./bounded-pattern.ts";

// BoundedPattern must find exactly what the pattern as written finds; compared here on strings built to hit the
// cases where checking the lookbehind afterwards could go wrong (a word inside a word, hyphens, astral letters,
// case folding under /iu).
const SOURCES = [
  String.raw`(?<![\p{L}])(?:said|says|told)(?![\p{L}])`,
  String.raw`(?<![\p{L}\p{N}-])(?:no|not|any)(?![\p{L}])`,
  String.raw`(?<![\p{L}])(?:заяви\p{L}*|deny)(?![\p{L}])`,
  String.raw`(?:according to|cited by)(?![\p{L}])`,
];
const PIECES = [
  "said",
  "Said",
  "SAID",
  "ſaid",
  "unsaid",
  "-",
  " ",
  "not",
  "knot",
  "any",
  "many",
  "Заявив",
  "deny",
  "𝐀",
  "😀",
  "according to",
  "1",
  "'",
];

function randomText(seed: number): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < 8; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += PIECES[x % PIECES.length];
  }
  return out;
}

describe("BoundedPattern", () => {
  it("finds the same first match as the RegExp, on every test string", () => {
    for (const source of SOURCES) {
      const plain = new RegExp(source, "iu");
      const bounded = new BoundedPattern(source, "iu");
      for (let seed = 1; seed <= 1000; seed++) {
        const text = randomText(seed);
        const expected = plain.exec(text);
        const actual = bounded.exec(text);
        expect(actual?.index, `${source} on ${JSON.stringify(text)}`).toBe(expected?.index);
        expect(actual?.[0]).toBe(expected?.[0]);
        expect(bounded.test(text)).toBe(plain.test(text));
      }
    }
  });

  it("finds every match from a given offset as a global RegExp does", () => {
    const source = String.raw`(?<![\p{L}])(?:said|says)(?![\p{L}])`;
    const text = "unsaid: he said, she says; resaid, said";
    const all = [...text.matchAll(new RegExp(source, "giu"))].map((m) => m.index);
    const bounded = new BoundedPattern(source, "iu");
    const found: number[] = [];
    for (let m = bounded.exec(text); m !== null; m = bounded.exec(text, m.index + m[0].length)) found.push(m.index);
    expect(found).toEqual(all);
    expect(found).toEqual([11, 21, 35]);
  });
});
