import { MAX_INGEST_BYTES } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { MAX_INGEST_BODY_BYTES, parseIngestBody } from "./ingest-body.ts";

const bytesOf = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

describe("parseIngestBody", () => {
  it("accepts text with optional metadata", () => {
    const result = parseIngestBody(bytesOf({ text: " Shelling hit Kharkiv. ", title: "T", publishedAt: "2025-08-26" }));
    expect(result).toEqual({
      ok: true,
      request: { text: "Shelling hit Kharkiv.", title: "T", publishedAt: "2025-08-26" },
    });
  });

  it("reports bad JSON without field errors", () => {
    const result = parseIngestBody(bytesOf("{ text: nope"));
    expect(result).toEqual({
      ok: false,
      error: { error: "body is not valid UTF-8 JSON", fieldErrors: {}, formErrors: [] },
    });
  });

  it("reports invalid UTF-8 as bad input", () => {
    expect(parseIngestBody(new Uint8Array([0x7b, 0xff, 0x7d])).ok).toBe(false);
  });

  it("keys schema problems by field", () => {
    const result = parseIngestBody(bytesOf({ text: "x", publishedAt: "26/08/2025", language: "English" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.error).toBe("invalid ingest request");
    expect(Object.keys(result.error.fieldErrors).sort()).toEqual(["language", "publishedAt"]);
  });

  it("reports text and url together as a text field error", () => {
    const result = parseIngestBody(bytesOf({ text: "x", url: "https://example.com/a" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors).toEqual({ text: ["give exactly one of text, url or html"] });
  });

  it("reports unknown fields as form errors", () => {
    const result = parseIngestBody(bytesOf({ text: "x", body: "y" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.formErrors.join(" ")).toMatch(/body/);
  });

  it("reports a missing text as a text field error", () => {
    const result = parseIngestBody(bytesOf({ title: "only a title" }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors.text?.length).toBeGreaterThan(0);
  });

  it("leaves room in the body limit for the largest accepted html", () => {
    expect(MAX_INGEST_BODY_BYTES).toBeGreaterThan(5 * MAX_INGEST_BYTES);
  });
});
