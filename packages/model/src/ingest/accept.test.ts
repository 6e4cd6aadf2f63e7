import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentHash, normaliseArticleText } from "./accept.ts";

/** The definition stored hashes were made with: any change to contentHash must keep answering the same. */
const reference = (text: string) =>
  createHash("sha256")
    .update(text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim())
    .digest("hex");

describe("normaliseArticleText", () => {
  it("drops NUL characters, which Postgres cannot store (an extracted page may carry them)", () => {
    expect(normaliseArticleText("\u0000Drones hit\u0000 Kharkiv.\r\n")).toBe("Drones hit Kharkiv.");
  });
});

describe("contentHash", () => {
  it("folds case and every run of white space to one space, as the stored hashes did", () => {
    const texts = [
      "Drones struck Kharkiv.",
      "  Drones  struck\tKharkiv.\n\nOfficials said. ",
      "a \n b\r\nc\u00a0d \u2003 e\u3000\u3000f\u2028g \ufeffh",
      "Дрони атакували Харків.\n \nЗа словами ОВА, пошкоджено будинки.",
      "Cafe\u0301 vs Caf\u00e9", // NFD and NFC forms of the same word
      " ",
      "x\t",
      "",
    ];
    for (const text of texts) {
      expect(contentHash(text)).toBe(reference(text));
      expect(contentHash(normaliseArticleText(text))).toBe(reference(normaliseArticleText(text)));
    }
    expect(contentHash("Drones  struck\nKharkiv.")).toBe(contentHash("drones struck kharkiv."));
    expect(contentHash("Drones struck Kharkiv.")).toBe("f5e54be50f9bf7ae44a10ef54ff549e9ca4d23e9a0caf154c81280d663591195");
  });

  it("answers as the reference on random mixes of letters and every kind of white space", () => {
    const alphabet = ["a", "B", "Я", "é", "e\u0301", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u2028"];
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
      expect(contentHash(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
