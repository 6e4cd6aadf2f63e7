import { describe, expect, it } from "vitest";
import { tokenize, tokenKey, WORD } from "./tokens.ts";

// tokenize scans by hand for what WORD matches; compared here with the pattern itself.
function byPattern(text: string, from = 0, to = text.length) {
  const pattern = new RegExp(WORD.source, WORD.flags);
  pattern.lastIndex = from;
  const out = [];
  for (let m = pattern.exec(text); m !== null && m.index < to; m = pattern.exec(text)) {
    out.push({ ...tokenKey(m[0]), raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const PIECES = [
  "12,000",
  "1,234,5678",
  "1234,567",
  "12,34",
  "1,000a",
  "1,000,",
  "Russia's",
  "Kyiv’s",
  "Kupiansk-Vuzlovyi",
  "-",
  "'",
  "’",
  "ʼ",
  "s",
  "x",
  " ",
  "𝐀",
  "😀",
  "\ud800",
  "\udc00",
  "Дніпро",
  "٣",
  "_",
  "é",
  "e\u0301",
  "5",
  ",",
  "'s_",
];

describe("tokenize", () => {
  it("finds what WORD finds, from any offset", () => {
    let x = 7;
    for (let k = 0; k < 5000; k++) {
      let text = "";
      for (let i = 0; i < 8; i++) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        text += PIECES[x % PIECES.length];
      }
      for (const [from, to] of [
        [0, text.length],
        [1, text.length],
        [2, Math.floor(text.length / 2)],
      ] as const) {
        expect(tokenize(text, from, to), `${JSON.stringify(text)} ${from}-${to}`).toEqual(byPattern(text, from, to));
      }
    }
  });

  it("keeps numbers with thousands separators and joined words whole", () => {
    expect(tokenize("12,000 homes in Kupiansk-Vuzlovyi, Russia’s 1,234,5678").map((t) => t.raw)).toEqual([
      "12,000",
      "homes",
      "in",
      "Kupiansk-Vuzlovyi",
      "Russia’s",
      "1,234",
      "5678",
    ]);
  });
});
