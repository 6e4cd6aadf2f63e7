import { describe, expect, it } from "vitest";
import { testArticle, testEvent } from "./test-articles.ts";
import { adm1ToRegionCode, evalUcdp, loadUcdpRows, sideOfUcdpActor, type UcdpRow, ucdpArticleText } from "./ucdp.ts";

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
    const row = (id: string, adm_1: string): UcdpRow => ({
      id,
      event_date: "2022-03-01",
      text: "x",
      adm_1,
      side_a: "Government of Russia (Soviet Union)",
      type_of_violence: "1",
    });
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
      ({ id }) => predictions[id]!,
    );
    const admin1 = report.fields.find((f) => f.field === "admin1");
    expect(admin1).toMatchObject({ tp: 1, fp: 1, fn: 1, n: 2 });
    expect(report.confusions).toContainEqual({ field: "admin1", gold: "UA-63", predicted: "UA-65", count: 1 });
    expect(report.fields.find((f) => f.field === "actor1 side")).toMatchObject({ tp: 1, fp: 0, fn: 2, n: 3 });
    expect(report.notes[0]).toContain("1 with empty adm_1");
  });
});
