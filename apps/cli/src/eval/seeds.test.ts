import { describe, expect, it } from "vitest";
import { ConfusionTally } from "./score.ts";
import { type GoldArticle, goldDateValue, scoreSeedArticle } from "./seeds.ts";
import { testArticle, testEvent } from "./test-articles.ts";

const baseGold: GoldArticle = {
  id: "g",
  file: "unused.txt",
  publishedAt: "2024-08-14",
  regions: { required: [], forbidden: [] },
  places: { required: [] },
  actors: { required: [], optional: [] },
  events: [],
};

const score = (gold: Partial<GoldArticle>, predicted: ReturnType<typeof testArticle>) =>
  scoreSeedArticle({ ...baseGold, ...gold }, predicted, new ConfusionTally());

describe("scoreSeedArticle: regions, places, actors", () => {
  it("counts required regions found as TP, missing as FN and forbidden found as FP", () => {
    const result = score(
      { regions: { required: ["UA-12", "UA-53"], forbidden: ["UA-23", "RU-KRS"] } },
      testArticle({
        regions: [
          { code: "UA-12", name: "Dnipropetrovsk Oblast", country: "UA", mentions: 2 },
          { code: "UA-23", name: "Zaporizhzhia Oblast", country: "UA", mentions: 1 },
        ],
      }),
    );
    expect(result.counts.regions).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(result.problems).toEqual([
      "region UA-53 is required but was not found",
      "region UA-23 is forbidden but was found",
    ]);
  });

  it("matches places by folded name and exact region, from the place list or an event's place", () => {
    const result = score(
      {
        places: {
          required: [
            { name: "Zaporizke", region: "UA-12" },
            { name: "Zorya", region: "UA-14" },
            { name: "Dnipro", region: "UA-12" },
          ],
        },
      },
      testArticle({
        places: [
          { name: "ZAPORÍZKE", regionCode: "UA-12", lat: 48, lon: 36 },
          { name: "Dnipro", regionCode: "UA-23", lat: 48, lon: 35 },
        ],
        events: [
          { ...testEvent("Battles", "Armed clash"), place: { name: "Zorya", regionCode: "UA-14", lat: 48, lon: 37 } },
        ],
      }),
    );
    expect(result.counts.places).toEqual({ tp: 2, fp: 0, fn: 1 });
    expect(result.problems).toEqual(["place Dnipro found in UA-23, expected UA-12"]);
  });

  it("finds actors by ACLED name or name; optional ones neither reward nor penalise, unlisted ones are FP", () => {
    const result = score(
      {
        actors: {
          required: ["Military Forces of Russia (2000-)", "Volodymyr Zelensky", "Vladimir Putin"],
          optional: ["Joe Biden"],
        },
      },
      testArticle({
        actors: [
          {
            id: "ru-military",
            name: "Russian Armed Forces",
            kind: "military",
            acledName: "Military Forces of Russia (2000-)",
            mentions: 3,
          },
          { id: "volodymyr-zelensky", name: "Volodymyr Zelensky", kind: "person", mentions: 1 },
          { id: "joe-biden", name: "Joe Biden", kind: "person", mentions: 1 },
          { id: "marco-rubio", name: "Marco Rubio", kind: "person", mentions: 1 },
        ],
      }),
    );
    expect(result.counts.actors).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(result.problems).toEqual(["actor Vladimir Putin is required but was not found"]);
  });
});

describe("scoreSeedArticle: events", () => {
  it("accepts an alt_acled pair and requires the gold region when one is given", () => {
    const result = score(
      {
        events: [
          {
            acled: ["Battles", "Non-state actor overtakes territory"],
            alt_acled: [["Strategic developments", "Non-violent transfer of territory"]],
            region: "UA-14",
          },
          { acled: ["Explosions/Remote violence", "Shelling/artillery/missile attack"], region: "UA-53" },
        ],
      },
      testArticle({
        events: [
          testEvent("Strategic developments", "Non-violent transfer of territory", { region: "UA-14" }),
          testEvent("Explosions/Remote violence", "Shelling/artillery/missile attack", { region: "UA-12" }),
        ],
      }),
    );
    expect(result.counts.events).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain("event 2");
    expect(result.problems[0]).toContain("placed in UA-12");
  });

  it("does not let one predicted event satisfy two gold events", () => {
    const clash = { acled: ["Battles", "Armed clash"] as [string, string], region: "RU-KRS" };
    const result = score(
      { events: [clash, clash] },
      testArticle({ events: [testEvent("Battles", "Armed clash", { region: "RU-KRS" })] }),
    );
    expect(result.counts.events).toEqual({ tp: 1, fp: 0, fn: 1 });
  });

  it("checks actor1, claim, date and quantity on the matched event", () => {
    const result = score(
      {
        events: [
          {
            acled: ["Strategic developments", "Disrupted weapons use"],
            region: "RU-KRS",
            actor1: "Military Forces of Russia (2000-)",
            claim: "claimed",
            date: { value: "2024", precision: "year" },
            quantity: 117,
          },
        ],
      },
      testArticle({
        events: [
          testEvent("Strategic developments", "Disrupted weapons use", {
            region: "RU-KRS",
            actor1: "ua-military",
            claim: { status: "claimed" },
            date: { value: "2024-01-01", precision: "year" },
            quantities: [4, 117],
          }),
        ],
      }),
    );
    expect(result.counts["event actor1"]).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(result.counts["event claim"]).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(result.counts["event date"]).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(result.counts["event quantity"]).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(result.problems).toEqual([
      "event 1 [Strategic developments / Disrupted weapons use in RU-KRS] actor1: expected Military Forces of Russia (2000-), got Military Forces of Ukraine (2019-)",
    ]);
  });

  it("pairs two similar gold events with the predictions whose dates agree", () => {
    const gold = (value: string) => ({
      acled: ["Battles", "Armed clash"] as [string, string],
      region: "RU-KRS",
      date: { value, precision: "day" },
    });
    const predicted = (value: string) =>
      testEvent("Battles", "Armed clash", { region: "RU-KRS", date: { value, precision: "day" } });
    const result = score(
      { events: [gold("2024-08-14"), gold("2024-08-06")] },
      testArticle({ events: [predicted("2024-08-06"), predicted("2024-08-14")] }),
    );
    expect(result.counts["event date"]).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(result.problems).toEqual([]);
  });
});

describe("goldDateValue", () => {
  it("turns a year or month into the first day of the period", () => {
    expect(goldDateValue("2024")).toBe("2024-01-01");
    expect(goldDateValue("2024-08")).toBe("2024-08-01");
    expect(goldDateValue("2024-08-06")).toBe("2024-08-06");
  });
});
