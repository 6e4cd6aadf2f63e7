import { describe, expect, it } from "vitest";
import { parseStatsQuery } from "./stats-query.ts";

describe("parseStatsQuery", () => {
  it("accepts no window, one bound or both", () => {
    expect(parseStatsQuery(new URLSearchParams(""))).toEqual({ ok: true, query: {} });
    expect(parseStatsQuery(new URLSearchParams("from=2025-06-01"))).toEqual({
      ok: true,
      query: { from: "2025-06-01" },
    });
    expect(parseStatsQuery({ from: "2025-06-01", to: "2025-06-30" })).toEqual({
      ok: true,
      query: { from: "2025-06-01", to: "2025-06-30" },
    });
  });

  it("treats empty values as no bound", () => {
    expect(parseStatsQuery(new URLSearchParams("from=&to="))).toEqual({ ok: true, query: {} });
  });

  it("rejects malformed and impossible dates by field", () => {
    const result = parseStatsQuery(new URLSearchParams("from=2025-13-01&to=yesterday"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fieldErrors).sort()).toEqual(["from", "to"]);
  });

  it("rejects a window that ends before it starts", () => {
    const result = parseStatsQuery({ from: "2025-07-01", to: "2025-06-01" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.fieldErrors.from).toEqual(["from must not be after to"]);
  });

  it("rejects a repeated parameter", () => {
    expect(parseStatsQuery(new URLSearchParams("from=2025-06-01&from=2025-06-02")).ok).toBe(false);
  });
});
