import type { EnrichedArticle } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { testArticle, testEvent } from "./test-articles.ts";
import {
  adm1ToRegionCode,
  evalUcdp,
  loadUcdpRows,
  scoreSettlementsKnown,
  sideOfUcdpActor,
  splitUcdpRows,
  UCDP_TEST_FROM,
  type UcdpRow,
  ucdpArticleText,
  ucdpPartOf,
} from "./ucdp.ts";

// Every adm_1 spelling in shared/eval/ucdp-ukraine-2022-2023.csv, with its ISO 3166-2 code, checked by hand.
const EXPECTED_ADM1: Record<string, string> = {
  "Donetsk oblast": "UA-14",
  "Kherson oblast": "UA-65",
  "Kharkiv Oblast": "UA-63",
  "Luhansk oblast": "UA-09",
  "Zaporizhzhya oblast": "UA-23",
  "Mykolayiv oblast": "UA-48",
  "Dnipropetrovsk oblast": "UA-12",
  "Sumy oblast": "UA-59",
  "Chernihiv oblast": "UA-74",
  "Cherkasy oblast": "UA-71",
  "Odessa oblast": "UA-51",
  "Khmelnytskyi oblast": "UA-68",
};

describe("adm1ToRegionCode", () => {
  it("maps every adm_1 spelling present in the UCDP CSV", () => {
    const spellings = new Set(
      loadUcdpRows()
        .map((row) => row.adm_1)
        .filter((adm1) => adm1.trim() !== ""),
    );
    // A spelling missing from the table above must be checked by hand before it is trusted.
    expect([...spellings].sort()).toEqual(Object.keys(EXPECTED_ADM1).sort());
    for (const spelling of spellings)
      expect([spelling, adm1ToRegionCode(spelling)]).toEqual([spelling, EXPECTED_ADM1[spelling]]);
  });

  it("tells Kyiv Oblast from Kyiv city and rejects unknown names", () => {
    expect(adm1ToRegionCode("Kyiv oblast")).toBe("UA-32");
    expect(adm1ToRegionCode("Kyiv")).toBe("UA-30");
    expect(adm1ToRegionCode("Atlantis oblast")).toBeUndefined();
  });
});

/** A UCDP row with neutral defaults: state-based, Russia as side_a, no place, no deaths. */
function ucdpRow(parts: Partial<UcdpRow> & { id: string }): UcdpRow {
  return {
    event_date: "2022-03-01",
    date_end: "",
    text: "x",
    where_description: "",
    adm_1: "",
    side_a: "Government of Russia (Soviet Union)",
    type_of_violence: "1",
    best_deaths: "",
    ...parts,
  };
}

describe("UCDP dev/test split", () => {
  const rows = loadUcdpRows();
  const parts = splitUcdpRows(rows);

  it("puts every row in exactly one part, by event_date alone", () => {
    const dev = new Set(parts.dev.map((r) => r.id));
    const test = new Set(parts.test.map((r) => r.id));
    expect(dev.size + test.size).toBe(rows.length);
    expect([...dev].filter((id) => test.has(id))).toEqual([]);
    for (const row of parts.dev) expect(row.event_date < UCDP_TEST_FROM, row.id).toBe(true);
    for (const row of parts.test) expect(row.event_date >= UCDP_TEST_FROM, row.id).toBe(true);
  });

  it("is deterministic: the same parts whatever the order of the rows", () => {
    const again = splitUcdpRows([...rows].reverse());
    const ids = (list: UcdpRow[]) => list.map((r) => r.id).sort();
    expect(ids(again.dev)).toEqual(ids(parts.dev));
    expect(ids(again.test)).toEqual(ids(parts.test));
  });

  it("keeps about a third of the rows for test", () => {
    const share = parts.test.length / rows.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.45);
  });

  it("cuts at the first day of the test part and rejects a row without an ISO date", () => {
    expect(ucdpPartOf({ event_date: "2022-12-31" })).toBe("dev");
    expect(ucdpPartOf({ event_date: UCDP_TEST_FROM })).toBe("test");
    expect(() => splitUcdpRows([ucdpRow({ id: "bad", event_date: "1/2/2023" })])).toThrow(/bad.*not YYYY-MM-DD/);
  });
});

describe("UCDP rows", () => {
  it("maps side_a governments to sides", () => {
    expect(sideOfUcdpActor("Government of Russia (Soviet Union)")).toBe("RU");
    expect(sideOfUcdpActor("Government of Ukraine")).toBe("UA");
    expect(sideOfUcdpActor("DPR")).toBeUndefined();
  });

  it("puts each headline on its own line", () => {
    expect(ucdpArticleText({ text: "Shelling in Izyum; Strike on Kharkiv;" } as UcdpRow)).toBe(
      "Shelling in Izyum\nStrike on Kharkiv",
    );
  });

  it("scores admin1 from the primary event, else the most-mentioned region, and skips empty adm_1", () => {
    const row = (id: string, adm_1: string): UcdpRow => ucdpRow({ id, adm_1 });
    const predictions: Record<string, ReturnType<typeof testArticle>> = {
      a: testArticle({ events: [testEvent("Battles", "Armed clash", { region: "UA-14", actor1: "ru-military" })] }),
      b: testArticle({
        regions: [
          { code: "UA-63", name: "Kharkiv Oblast", country: "UA", mentions: 1 },
          { code: "UA-65", name: "Kherson Oblast", country: "UA", mentions: 3 },
        ],
      }),
      c: testArticle(),
    };
    const report = evalUcdp(
      [row("a", "Donetsk oblast"), row("b", "Kharkiv Oblast"), row("c", "")],
      ({ id }) => predictions[id] ?? testArticle(),
      "dev",
    );
    const admin1 = report.fields.find((f) => f.field === "admin1");
    expect(admin1).toMatchObject({ tp: 1, fp: 1, fn: 1, n: 2 });
    expect(report.confusions).toContainEqual({ field: "admin1", gold: "UA-63", predicted: "UA-65", count: 1 });
    expect(report.fields.find((f) => f.field === "actor1 side")).toMatchObject({ tp: 1, fp: 0, fn: 2, n: 3 });
    expect(report.notes[0]).toContain("1 with empty adm_1");
  });
});

describe("UCDP settlement and event measures", () => {
  // A stub gazetteer: "Shelling was reported in <name>." yields a place for the names it knows.
  const gazetteer: Record<string, { name: string; regionCode: string } | "region-only"> = {
    Izyum: { name: "Izium", regionCode: "UA-63" },
    Bakhmut: { name: "Bakhmut", regionCode: "UA-14" },
    Kherson: "region-only",
    Liman: { name: "Lyman", regionCode: "UA-14" },
  };
  const stub = (predictions: Record<string, EnrichedArticle>) => (input: { id: string; text: string }) => {
    const lookup = /^Shelling was reported in (.+)\.$/.exec(input.text)?.[1];
    if (lookup === undefined) return predictions[input.id] ?? testArticle();
    const known = gazetteer[lookup];
    if (known === "region-only")
      return testArticle({ regions: [{ code: "UA-65", name: "Kherson Oblast", country: "UA", mentions: 1 }] });
    return testArticle({ places: known ? [{ ...known, lat: 48, lon: 37 }] : [] });
  };

  it("counts the distinct gold settlements the gazetteer places in the gold admin1", () => {
    const rows = [
      ucdpRow({ id: "1", where_description: "Izyum (forest near)", adm_1: "Kharkiv Oblast" }),
      ucdpRow({ id: "2", where_description: "near Izyum", adm_1: "Kharkiv Oblast" }), // same settlement, once
      ucdpRow({ id: "3", where_description: "Bakhmut", adm_1: "Luhansk oblast" }), // known, but elsewhere
      ucdpRow({ id: "4", where_description: "Kherson city", adm_1: "Kherson oblast" }), // region only
      ucdpRow({ id: "5", where_description: "Atlantis", adm_1: "Donetsk oblast" }), // unknown
      ucdpRow({ id: "6", where_description: "Donetsk direction", adm_1: "Donetsk oblast" }), // not a settlement
      ucdpRow({ id: "7", where_description: "", adm_1: "Donetsk oblast" }),
    ];
    const report = evalUcdp(rows, stub({}), "test");
    const share = (name: string) => report.rates?.find((r) => r.measure === name);
    expect(share("settlement known")).toMatchObject({ count: 1, of: 4 });
    expect(share("settlement in another region")).toMatchObject({ count: 1, of: 4 });
    expect(report.notes.join("\n")).toContain("1 resolve to the gold region but to no place");
    expect(report.confusions).toContainEqual({
      field: "settlement known",
      gold: "Bakhmut (UA-09)",
      predicted: "UA-14",
      count: 1,
    });
  });

  it("scoreSettlementsKnown: tp in the gold admin1, fp only when places are elsewhere", () => {
    const lookup = (name: string) =>
      name === "A"
        ? { places: [{ name: "A", regionCode: "UA-14" }], regions: ["UA-14"] }
        : name === "B"
          ? { places: [{ name: "B", regionCode: "UA-23" }], regions: ["UA-23"] }
          : { places: [], regions: [] };
    const { counts } = scoreSettlementsKnown(
      [
        { name: "A", code: "UA-14" },
        { name: "B", code: "UA-14" },
        { name: "C", code: "UA-14" },
      ],
      lookup,
    );
    expect(counts).toEqual({ tp: 1, fp: 1, fn: 2 });
  });

  it("counts events without a settlement, deaths mentioned, dated events and rows with no event", () => {
    const rows = [
      ucdpRow({
        id: "a",
        where_description: "Bakhmut",
        best_deaths: "3",
        event_date: "2023-02-01",
        date_end: "2023-02-03",
      }),
      ucdpRow({ id: "b", where_description: "Izyum", best_deaths: "2" }),
      ucdpRow({ id: "c", where_description: "Donetsk direction", best_deaths: "0" }),
      ucdpRow({ id: "d", where_description: "Liman", best_deaths: "5" }), // no event at all
    ];
    const predictions: Record<string, EnrichedArticle> = {
      a: testArticle({
        events: [
          testEvent("Explosions/Remote violence", "Shelling/artillery/missile attack", {
            place: { name: "Bakhmut", regionCode: "UA-14" },
            killed: [2, 1],
            date: { value: "2023-02-02", precision: "day" },
          }),
        ],
      }),
      b: testArticle({
        events: [
          testEvent("Battles", "Armed clash", { quantities: [7], date: { value: "2021-01-01", precision: "day" } }),
        ],
      }),
      c: testArticle({ events: [testEvent("Battles", "Armed clash", { killed: [4] })] }),
    };
    const report = evalUcdp(rows, stub(predictions), "test");
    const share = (name: string) => report.rates?.find((r) => r.measure === name);
    // a and b have a gold settlement and an event; b's event has no place. d has no event, so it is not counted.
    expect(share("event without settlement")).toMatchObject({ count: 1, of: 2 });
    expect(share("no event")).toMatchObject({ count: 1, of: 4 });
    expect(share("events dated")).toMatchObject({ count: 2, of: 4 });
    expect(report.notes.join("\n")).toContain("1 of 2 dated primary events fall within");
    // a: deaths and killed 3 → tp; b: deaths but only an "items" quantity → fn; c: 0 deaths, killed 4 → fp; d → fn.
    expect(report.fields.find((f) => f.field === "deaths mentioned")).toMatchObject({
      tp: 1,
      fp: 1,
      fn: 2,
      n: 4,
      informative: true,
    });
  });

  it("labels each part as real text with its licence, citation and split rule", () => {
    const report = evalUcdp([ucdpRow({ id: "a", event_date: "2023-02-01" })], stub({}), "test");
    expect(report).toMatchObject({ dataset: "ucdp-test", realText: true, split: "test" });
    expect(report.origin).toBe("real text, not written by us");
    expect(report.source).toMatch(/CC BY 4\.0/);
    expect(report.source).toMatch(/Hegre.*2020/);
    expect(report.splitRule).toContain(`from ${UCDP_TEST_FROM} → ucdp-test`);
    expect(evalUcdp([], stub({}), "dev").dataset).toBe("ucdp-dev");
  });
});
