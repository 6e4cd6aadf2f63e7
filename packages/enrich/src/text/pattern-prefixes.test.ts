import { describe, expect, it } from "vitest";
import cuesData from "../../rules/event-cues.json";
import { prefixes } from "./pattern-prefixes.ts";

// prefixes() must be sound: wherever the pattern matches, the text there starts with one of its prefixes.
// Checked by brute force on strings built from pieces of the patterns.
const SOURCES = [
  "abc",
  "ab?c",
  "(?:anti-(?:tank|personnel) |land ?|naval )?mines?",
  "(?:\\w+ ){0,2}to an",
  "x{0,3}y|z{2}",
  "[a-c]d|\\d+ km",
  "(?=ab)a|(?<!q)b\\bc",
  "fight(?:s)?(?= (?:with|against))",
  "su-\\d+|ka-52",
  "😀?x|𝐀b",
  "[^a]b",
  "\\p{L}+x",
  "a*",
  ...Object.values(cuesData.types).flatMap((cues) => cues.map((c) => c.pattern.toLowerCase())),
];
const PIECES = [
  "a",
  "b",
  "c",
  "d",
  "x",
  "y",
  "z",
  " ",
  "-",
  "1",
  "52",
  "ab",
  "km",
  "to an",
  "mines",
  "land ",
  "anti-tank ",
  "naval ",
  "fight",
  "s with",
  "su-",
  "ka-",
  "😀",
  "𝐀",
  "q",
  "shot down",
  "drone",
  "russian-occupied",
  "in the ",
  "в",
];

function* texts(): Generator<string> {
  let x = 12345;
  for (let k = 0; k < 600; k++) {
    let out = "";
    for (let i = 0; i < 6; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      out += PIECES[x % PIECES.length];
    }
    yield out;
  }
}

describe("prefixes", () => {
  it("names a prefix of every match, at every position", { timeout: 30_000 }, () => {
    for (const source of SOURCES) {
      for (const length of [1, 2, 4, 6]) {
        const starts = prefixes(source, length);
        const sticky = new RegExp(source, "uy");
        for (const text of texts()) {
          for (let at = 0; at < text.length; at++) {
            // Inside a surrogate pair is no position a /u scan tries (a sticky one would step back to the pair).
            if (/[\udc00-\udfff]/.test(text[at]!) && /[\ud800-\udbff]/.test(text[at - 1] ?? "")) continue;
            sticky.lastIndex = at;
            if (!sticky.test(text)) continue;
            const ok = starts === "any" || [...starts].some((s) => text.startsWith(s, at));
            expect(ok, `${source} (${length}) at ${at} of ${JSON.stringify(text)}`).toBe(true);
          }
        }
      }
    }
  });

  it("reads literal starts exactly", () => {
    expect(prefixes("ab?c", 2)).toEqual(new Set(["ab", "ac"]));
    expect(prefixes("(?:land ?|naval )?mines?", 3)).toEqual(new Set(["lan", "nav", "min"]));
    expect(prefixes("\\d+ km", 1)).toEqual(new Set("0123456789"));
    expect(prefixes("a*", 2)).toBe("any");
    expect(prefixes("\\p{L}x", 2)).toBe("any");
  });
});
