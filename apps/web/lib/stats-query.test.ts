import { describe, expect, it } from "vitest";
import { ignoredNotice, ignoredValues } from "./query-params.ts";
import { parseStatsPageQuery, parseStatsQuery } from "./stats-query.ts";

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

describe("parseStatsPageQuery (the dashboard)", () => {
  it("ignores only an invalid claim and keeps the region", () => {
    const { query, ignored } = parseStatsPageQuery({ region: "UA-63", claim: "maybe" });
    expect(query).toEqual({ region: "UA-63" });
    expect(ignoredNotice(ignored)).toBe("claim: expected one of reported, claimed, denied, contested");
  });

  it("ignores a window that ends before it starts, both bounds, and keeps the region", () => {
    const params = { from: "2025-12-31", to: "2025-01-01", region: "UA-63", count: "mentions" };
    const { query, ignored } = parseStatsPageQuery(params);
    expect(query).toEqual({ region: "UA-63", count: "mentions" });
    expect(ignoredNotice(ignored)).toBe("from/to: from is after to");
    expect(ignoredValues(params, ignored)).toEqual({ from: "2025-12-31", to: "2025-01-01" });
  });

  it("names each bad field and keeps a valid bound", () => {
    const { query, ignored } = parseStatsPageQuery(
      new URLSearchParams("from=2025-06-01&to=2025-02-30&region=ua&actor=ru-armed-forces&bucket=month"),
    );
    expect(query).toEqual({ from: "2025-06-01", actor: "ru-armed-forces" });
    expect(ignored.map((i) => i.field).sort()).toEqual(["bucket", "region", "to"]);
    const notice = ignoredNotice(ignored) ?? "";
    expect(notice).toContain("to: expected a date as YYYY-MM-DD");
    expect(notice).toContain("region: must be an ISO 3166-2 code such as UA-63");
    expect(notice).toContain("bucket: expected one of day, week");
  });

  it("ignores a repeated parameter and says so", () => {
    const params = new URLSearchParams("region=UA-63&region=UA-14&type=shelling");
    const { query, ignored } = parseStatsPageQuery(params);
    expect(query).toEqual({ type: "shelling" });
    expect(ignoredNotice(ignored)).toBe("region: given more than once");
    expect(ignoredValues(params, ignored)).toEqual({ region: "UA-63" });
  });

  it("reports nothing for a valid query", () => {
    const { query, ignored } = parseStatsPageQuery({ region: "UA-63", claim: "claimed", from: "" });
    expect(query).toEqual({ region: "UA-63", claim: "claimed" });
    expect(ignored).toEqual([]);
    expect(ignoredNotice(ignored)).toBeNull();
  });

  it("leaves the API's strict reading as it was", () => {
    expect(parseStatsQuery({ region: "UA-63", claim: "maybe" }).ok).toBe(false);
  });
});
