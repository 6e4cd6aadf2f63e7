import { describe, expect, it } from "vitest";
import { EnrichedArticle } from "./enriched-article.ts";
import { Evidence } from "./event.ts";
import { FeedCreate } from "./feed.ts";
import { IngestRequest, MAX_INGEST_BYTES } from "./ingest.ts";
import { StatsQuery } from "./stats.ts";

const fieldErrors = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join("."));

describe("IngestRequest", () => {
  it("accepts text with optional metadata", () => {
    const r = IngestRequest.parse({ text: "  Shelling hit Kharkiv.  ", title: "T", source: "S", publishedAt: "2025-03-01" });
    expect(r.text).toBe("Shelling hit Kharkiv.");
    expect(r.publishedAt).toBe("2025-03-01");
  });

  it("accepts a url or html instead of text, and ISO date-times", () => {
    expect(IngestRequest.safeParse({ url: "https://example.org/a" }).success).toBe(true);
    expect(IngestRequest.safeParse({ html: "<p>x</p>", publishedAt: "2025-03-01T10:00:00Z" }).success).toBe(true);
  });

  it("requires exactly one of text, url or html", () => {
    expect(fieldErrors(IngestRequest.safeParse({}))).toContain("text");
    expect(fieldErrors(IngestRequest.safeParse({ text: "a", url: "https://example.org" }))).toContain("text");
  });

  it("rejects empty text, bad dates, bad urls, unknown fields and oversized text, naming the field", () => {
    expect(fieldErrors(IngestRequest.safeParse({ text: "   " }))).toContain("text");
    expect(fieldErrors(IngestRequest.safeParse({ text: "a", publishedAt: "2025-13-45" }))).toContain("publishedAt");
    expect(fieldErrors(IngestRequest.safeParse({ url: "ftp://example.org/x" }))).toContain("url");
    expect(IngestRequest.safeParse({ text: "a", colour: "red" }).success).toBe(false);
    expect(fieldErrors(IngestRequest.safeParse({ text: "a".repeat(MAX_INGEST_BYTES + 1) }))).toContain("text");
    // The limit is in bytes: 2-byte Cyrillic letters reach it at half the characters.
    expect(IngestRequest.safeParse({ text: "ж".repeat(MAX_INGEST_BYTES / 2 + 1) }).success).toBe(false);
  });

  it("refuses a NUL character in any stored field, naming it (Postgres cannot store one)", () => {
    const cases: [Record<string, string>, string][] = [
      [{ text: "Drones hit \u0000 Kharkiv." }, "text"],
      [{ html: "<p>a\u0000b</p>" }, "html"],
      [{ url: "https://example.org/a\u0000b" }, "url"],
      [{ text: "a", title: "T\u0000" }, "title"],
      [{ text: "a", source: "\u0000S" }, "source"],
    ];
    for (const [request, field] of cases) {
      const parsed = IngestRequest.safeParse(request);
      expect(fieldErrors(parsed)).toContain(field);
      expect(parsed.error?.issues.map((i) => i.message)).toContain(`${field} contains a NUL character (U+0000), which cannot be stored`);
    }
    for (const [request, field] of [
      [{ url: "https://example.org/feed\u0000" }, "url"],
      [{ url: "https://example.org/feed", title: "F\u0000" }, "title"],
    ] as const) {
      expect(fieldErrors(FeedCreate.safeParse(request))).toContain(field);
    }
  });
});

describe("Evidence", () => {
  it("requires end after start", () => {
    expect(Evidence.safeParse({ text: "x", start: 5, end: 5 }).success).toBe(false);
    expect(Evidence.safeParse({ text: "x", start: 5, end: 6 }).success).toBe(true);
  });
});

describe("StatsQuery", () => {
  it("rejects a window that ends before it starts", () => {
    expect(StatsQuery.safeParse({ from: "2025-02-01", to: "2025-01-01" }).success).toBe(false);
    expect(StatsQuery.safeParse({ from: "2025-01-01", to: "2025-01-01" }).success).toBe(true);
  });
});

describe("EnrichedArticle", () => {
  it("accepts a complete article and rejects an event without evidence", () => {
    const event = {
      type: "shelling",
      acled: { eventType: "Explosions/Remote violence", subEventType: "Shelling/artillery/missile attack" },
      region: { code: "UA-63", name: "Kharkiv Oblast" },
      date: { value: "2025-03-01", precision: "day" },
      claim: { status: "reported" },
      evidence: { text: "Shelling hit Kharkiv.", start: 0, end: 21 },
      confidence: 0.8,
    };
    const article = {
      id: "a1",
      language: "en",
      regions: [{ code: "UA-63", name: "Kharkiv Oblast", country: "UA", mentions: 1 }],
      actors: [],
      events: [event],
    };
    expect(EnrichedArticle.parse(article).events).toHaveLength(1);
    const { evidence: _dropped, ...withoutEvidence } = event;
    expect(EnrichedArticle.safeParse({ ...article, events: [withoutEvidence] }).success).toBe(false);
  });
});
