import { existsSync } from "node:fs";
import type { EnrichedArticle } from "@frontline/model";
import { actorById } from "@frontline/model";
import { describe, expect, it } from "vitest";
import {
  evalRealReports,
  evalRealReportsParts,
  expectsEvent,
  loadRealReports,
  parseRealReports,
  type RealReport,
  realReportsPath,
  reportSideOf,
} from "./real-reports.ts";
import { testArticle, testEvent } from "./test-articles.ts";

const item = (id: string, expect: RealReport["expect"], split: "dev" | "test" = "test"): RealReport => ({
  id,
  class: "strike",
  text: `text of ${id}`,
  publishedAt: "2024-05-02",
  source: "https://example.org/report",
  sourceDate: "2024-05-02",
  split,
  expect,
});

const line = (parts: Record<string, unknown>) => JSON.stringify({ ...item("r1", {}), ...parts });

describe("parseRealReports", () => {
  it("reads valid lines, skipping blank ones", () => {
    const content = `${line({ id: "a", expect: { eventType: "Battles", actor1: "NAF", notRegion: ["UA-63"] } })}\n\n${line({ id: "b", split: "dev" })}\n`;
    const reports = parseRealReports(content, "x.jsonl");
    expect(reports.map((r) => [r.id, r.split])).toEqual([
      ["a", "test"],
      ["b", "dev"],
    ]);
    expect(reports[0]?.expect).toMatchObject({ eventType: "Battles", actor1: "NAF", notRegion: ["UA-63"] });
  });

  it.each([
    ["a split other than dev/test", { split: "train" }, /x\.jsonl:2: .*split/s],
    ["an actor1 side outside RU/UA/NAF/unknown", { expect: { actor1: "Russia" } }, /x\.jsonl:2: .*actor1/s],
    ["an admin1 that is not an ISO code", { expect: { admin1: "Donetsk" } }, /x\.jsonl:2: .*admin1/s],
    ["a date that is not ISO", { expect: { date: "2 May 2024" } }, /x\.jsonl:2: .*date/s],
    ["an unknown claim status", { expect: { claimStatus: "rumoured" } }, /x\.jsonl:2: .*claimStatus/s],
    ["negative fatalities", { expect: { fatalities: -1 } }, /x\.jsonl:2: .*fatalities/s],
    ["empty text", { text: "" }, /x\.jsonl:2: .*text/s],
    [
      "minEvents above maxEvents",
      { expect: { minEvents: 2, maxEvents: 1 } },
      /x\.jsonl:2: minEvents 2 is above maxEvents 1/,
    ],
  ])("rejects %s, naming the file and line", (_, parts, message) => {
    const content = `${line({ id: "ok" })}\n${line({ id: "bad", ...parts })}`;
    expect(() => parseRealReports(content, "x.jsonl")).toThrow(message);
  });

  it("rejects a line that is not JSON and an id seen before", () => {
    expect(() => parseRealReports("{not json", "x.jsonl")).toThrow(/x\.jsonl:1: not JSON/);
    expect(() => parseRealReports(`${line({ id: "a" })}\n${line({ id: "a" })}`, "x.jsonl")).toThrow(
      /x\.jsonl:2: id "a" appears twice/,
    );
  });

  it("rejects a line without its expectations", () => {
    const { expect: _, ...noExpect } = item("a", {});
    expect(() => parseRealReports(JSON.stringify(noExpect), "x.jsonl")).toThrow(/x\.jsonl:1: .*expect/s);
  });
});

describe("missing file", () => {
  it("skips both parts with a note instead of failing", () => {
    expect(loadRealReports("/nonexistent/real-reports.jsonl")).toBeUndefined();
    const reports = evalRealReportsParts(undefined, () => testArticle());
    expect(reports.map((r) => [r.dataset, r.split, r.realText])).toEqual([
      ["reports-test", "test", true],
      ["reports-dev", "dev", true],
    ]);
    for (const report of reports) {
      expect(report.skipped).toMatch(/real-reports\.jsonl is not there yet/);
      expect(report.fields).toEqual([]);
    }
  });

  it("skips a part that has no items yet", () => {
    const [test, dev] = evalRealReportsParts([item("d", {}, "dev")], () => testArticle(), realReportsPath);
    expect(test?.skipped).toMatch(/no items with split "test" yet/);
    expect(dev?.skipped).toBeUndefined();
  });

  it("scores each part on its own items when the file is there", () => {
    const items = [item("t", { eventType: "Battles" }, "test"), item("d1", {}, "dev"), item("d2", {}, "dev")];
    const [test, dev] = evalRealReportsParts(items, () => testArticle(), realReportsPath);
    expect(test?.skipped).toBeUndefined();
    expect(test?.notes[0]).toMatch(/^1 items/);
    expect(dev?.notes[0]).toMatch(/^2 items/);
  });
});

describe("the real file", () => {
  it.runIf(existsSync(realReportsPath))("loads with this loader, every line valid", () => {
    const items = loadRealReports();
    expect(items?.length).toBeGreaterThan(0);
  });
});

describe("reportSideOf", () => {
  const ref = (id: string) => {
    const actor = actorById(id);
    if (!actor) throw new Error(id);
    return {
      id: actor.id,
      name: actor.name,
      kind: actor.kind,
      ...(actor.acledName ? { acledName: actor.acledName } : {}),
    };
  };
  it("maps the actor taxonomy onto ACLED-style sides, NAF apart from Russia", () => {
    expect(reportSideOf(ref("naf"))).toBe("NAF");
    expect(reportSideOf(ref("ru-military"))).toBe("RU");
    expect(reportSideOf(ref("wagner"))).toBe("RU");
    expect(reportSideOf(ref("ua-sbu"))).toBe("UA");
    expect(reportSideOf(ref("unidentified-ua"))).toBe("unknown");
    expect(reportSideOf(undefined)).toBe("unknown");
    expect(reportSideOf(ref("civilians-ua"))).toBe("other");
  });
});

describe("expectsEvent", () => {
  it("expects an event when a type or a minimum of one is named, never when at most zero are allowed", () => {
    expect(expectsEvent({ eventType: "Battles" })).toBe(true);
    expect(expectsEvent({ minEvents: 1 })).toBe(true);
    expect(expectsEvent({ notRegion: "UA-63" })).toBe(false);
    expect(expectsEvent({ maxEvents: 0, minEvents: 0 })).toBe(false);
  });
});

describe("evalRealReports", () => {
  // The stub gazetteer knows "Izyum" as "Izium"; the articles are hand-made per item id.
  const run = (items: RealReport[], articles: Record<string, EnrichedArticle>) =>
    evalRealReports(
      items,
      ({ id, text }) => {
        if (text === "Shelling was reported in Izyum.")
          return testArticle({ places: [{ name: "Izium", regionCode: "UA-63", lat: 49.2, lon: 37.3 }] });
        return articles[id] ?? testArticle();
      },
      "test",
    );
  const field = (report: ReturnType<typeof run>, name: string) => report.fields.find((f) => f.field === name);
  const share = (report: ReturnType<typeof run>, name: string) => report.rates?.find((r) => r.measure === name);

  const strike = testEvent("Explosions/Remote violence", "Shelling/artillery/missile attack", {
    region: "UA-63",
    actor1: "ru-military",
    claim: { status: "reported" },
    date: { value: "2024-05-01", precision: "day" },
    killed: [2, 1],
    place: { name: "Izium", regionCode: "UA-63" },
  });
  const clash = testEvent("Battles", "Armed clash", { region: "UA-14", actor1: "naf" });

  it("scores each expectation on the primary event, only on items that state it", () => {
    const items = [
      item("a", {
        eventType: "Explosions/Remote violence",
        subEventType: "Shelling/artillery/missile attack",
        actor1: "RU",
        claimStatus: "reported",
        date: "2024-05-01",
        datePrecision: "day",
        fatalities: 3,
        admin1: "UA-63",
        settlement: "Izyum",
      }),
      item("b", {
        eventType: "Battles",
        subEventType: "Government regains territory",
        actor1: "RU",
        claimStatus: "claimed",
        date: "2024-04-30",
        fatalities: 0,
        admin1: "UA-14",
      }),
      item("c", { eventType: "Battles", actor1: "NAF", admin1: "UA-09" }),
    ];
    // a: every expectation met by its primary event (the second event is ignored).
    // b: primary is the clash: right type, wrong sub-type, NAF not RU, no claim, no date, 0 killed, right admin1.
    // c: no event at all.
    const report = run(items, {
      a: testArticle({ events: [strike, clash] }),
      b: testArticle({ events: [clash, strike] }),
    });
    expect(field(report, "event_type")).toMatchObject({ tp: 2, fp: 0, fn: 1, n: 3 });
    expect(field(report, "sub_event_type")).toMatchObject({ tp: 1, fp: 1, fn: 1, n: 2 });
    expect(field(report, "actor1 side")).toMatchObject({ tp: 1, fp: 1, fn: 2, n: 3 });
    expect(field(report, "claim status")).toMatchObject({ tp: 1, fp: 0, fn: 1, n: 2 });
    expect(field(report, "date")).toMatchObject({ tp: 1, fp: 0, fn: 1, n: 2 });
    expect(field(report, "fatalities")).toMatchObject({ tp: 2, fp: 0, fn: 0, n: 2 });
    expect(field(report, "admin1")).toMatchObject({ tp: 2, fp: 0, fn: 1, n: 3 });
    // The gold "Izyum" is compared as the gazetteer spells it ("Izium").
    expect(field(report, "settlement")).toMatchObject({ tp: 1, fp: 0, fn: 0, n: 1 });
    expect(report.confusions).toContainEqual({ field: "actor1 side", gold: "RU", predicted: "NAF", count: 1 });
    expect(report.confusions).toContainEqual({
      field: "sub_event_type",
      gold: "Battles / Government regains territory",
      predicted: "Battles / Armed clash",
      count: 1,
    });
    expect(share(report, "no event")).toMatchObject({ count: 1, of: 3 });
  });

  it("counts wrong fatalities and an event without its settlement", () => {
    const placeless = testEvent("Battles", "Armed clash", { killed: [5] });
    const report = run([item("a", { fatalities: 4, settlement: "Izyum" })], {
      a: testArticle({ events: [placeless] }),
    });
    expect(field(report, "fatalities")).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(report.confusions).toContainEqual({ field: "fatalities", gold: "4", predicted: "5", count: 1 });
    expect(field(report, "settlement")).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(share(report, "event without settlement")).toMatchObject({ count: 1, of: 1 });
  });

  it("fails an item whose output names a trap region or carries a trap date", () => {
    const region = (code: string) => ({ code, name: code, country: "UA" as const, mentions: 1 });
    const report = run(
      [
        item("hit", { notRegion: ["UA-23", "UA-65"] }),
        item("clean", { notRegion: "UA-23" }),
        item("date", { notDate: "2024-05-01" }),
      ],
      {
        hit: testArticle({ regions: [region("UA-14"), region("UA-65")] }),
        // Listed as a mention only, a trap region is not a hit.
        clean: testArticle({ regions: [region("UA-14"), { ...region("UA-23"), role: "mention" }] }),
        date: testArticle({ events: [strike] }),
      },
    );
    expect(share(report, "trap region hit")).toMatchObject({ count: 1, of: 2 });
    expect(report.confusions).toContainEqual({ field: "trap region", gold: "not UA-65", predicted: "UA-65", count: 1 });
    expect(share(report, "trap date hit")).toMatchObject({ count: 1, of: 1 });
  });

  it("checks event counts against minEvents and maxEvents and leaves out measures no item states", () => {
    const report = run(
      [item("none", { maxEvents: 0 }), item("two", { minEvents: 1, maxEvents: 1 }), item("ok", { minEvents: 1 })],
      {
        none: testArticle({ events: [clash] }),
        two: testArticle({ events: [clash, strike] }),
        ok: testArticle({ events: [clash] }),
      },
    );
    expect(share(report, "event count out of bounds")).toMatchObject({ count: 2, of: 3 });
    expect(share(report, "no event")).toMatchObject({ count: 0, of: 2 });
    expect(report.fields).toEqual([]);
    expect(share(report, "trap region hit")).toBeUndefined();
  });

  it("counts a place given where the item says the text names no settlement", () => {
    const placed = testEvent("Battles", "Armed clash", { place: { name: "Donetsk", regionCode: "UA-14" } });
    const report = run(
      [item("a", { settlement: null }), item("b", { settlement: null }), item("c", { settlement: null })],
      { a: testArticle({ events: [placed] }), b: testArticle({ events: [clash] }) },
    );
    expect(share(report, "settlement where none is named")).toMatchObject({ count: 1, of: 2 });
    expect(report.confusions).toContainEqual({ field: "settlement", gold: "(none)", predicted: "Donetsk", count: 1 });
    expect(field(report, "settlement")).toBeUndefined();
  });

  it("labels the dataset as paraphrased real reports and notes expectations it does not score", () => {
    const report = run([item("a", { civilianTargeting: true, actor2: "civilians" })], {});
    expect(report).toMatchObject({ dataset: "reports-test", realText: true, split: "test" });
    expect(report.origin).toMatch(/paraphrased/);
    expect(report.notes.join("\n")).toContain("expectations not scored yet: actor2 ×1, civilianTargeting ×1");
  });
});
