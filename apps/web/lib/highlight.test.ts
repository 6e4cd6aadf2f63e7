import { describe, expect, it } from "vitest";
import { segmentText } from "./highlight.ts";

const TEXT = "Russian forces struck Kharkiv overnight. In Sumy Oblast, Ukrainian forces said they repelled an attack.";

describe("segmentText", () => {
  it("keeps every character, in order", () => {
    const start = TEXT.indexOf("In Sumy");
    const segments = segmentText(
      TEXT,
      [{ start, end: TEXT.length, eventId: "e1" }],
      [
        { text: "Sumy Oblast", kind: "place", label: "Sumy Oblast (UA-59)" },
        { text: "Kharkiv", kind: "place", label: "Kharkiv" },
        { text: "Ukrainian forces", kind: "actor", label: "Armed Forces of Ukraine" },
      ],
    );
    expect(segments.map((s) => s.text).join("")).toBe(TEXT);
  });

  it("marks the evidence by its offsets and the terms inside and outside it", () => {
    const start = TEXT.indexOf("In Sumy");
    const segments = segmentText(
      TEXT,
      [{ start, end: TEXT.length, eventId: "e1" }],
      [
        { text: "Sumy Oblast", kind: "place", label: "Sumy Oblast (UA-59)" },
        { text: "Sumy", kind: "place", label: "Sumy" },
        { text: "kharkiv", kind: "place", label: "Kharkiv" },
        { text: "Ukrainian forces", kind: "actor", label: "Armed Forces of Ukraine" },
      ],
    );
    const evidenceText = segments
      .filter((s) => s.evidence)
      .map((s) => s.text)
      .join("");
    expect(evidenceText).toBe(TEXT.slice(start));
    expect(segments.filter((s) => s.evidenceStart)).toHaveLength(1);
    // Longest match wins ("Sumy Oblast", not "Sumy"); matching ignores case.
    expect(segments.filter((s) => s.term).map((s) => [s.text, s.term!.kind])).toEqual([
      ["Kharkiv", "place"],
      ["Sumy Oblast", "place"],
      ["Ukrainian forces", "actor"],
    ]);
  });

  it("matches whole words only and ignores offsets outside the text", () => {
    const segments = segmentText(
      "Kharkivska region",
      [{ start: 5, end: 500, eventId: "x" }],
      [{ text: "Kharkiv", kind: "place", label: "Kharkiv" }],
    );
    expect(segments.some((s) => s.term || s.evidence)).toBe(false);
  });

  it("merges evidence spans that overlap (two events from one sentence)", () => {
    const segments = segmentText(
      TEXT,
      [
        { start: 0, end: 40, eventId: "a" },
        { start: 0, end: 40, eventId: "b" },
      ],
      [],
    );
    expect(segments[0]!.evidence?.eventIds).toEqual(["a", "b"]);
  });
});
