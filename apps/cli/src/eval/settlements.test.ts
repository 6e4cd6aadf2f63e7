import { describe, expect, it } from "vitest";
import { goldSettlementName, killedCount, makeSettlementLookup } from "./settlements.ts";
import { testArticle, testEvent } from "./test-articles.ts";

describe("goldSettlementName", () => {
  it.each([
    ["Izyum", "Izyum"],
    ["Izyum (forest near)", "Izyum"],
    ["near the village of Lvovo", "Lvovo"],
    ["Bakhmut, Donetsk region", "Bakhmut"],
    ["city of Izyum in Kharkiv Oblast", "Izyum"],
    ["Donetsk region — in Stavky", "Stavky"],
    ["Energodar city", "Energodar"],
    ["area of ????the settlement of Orekhov, Zaporozhye region", "Orekhov"],
    ["Oleshky, Kherson Oblast\n46.625448, 32.765323", "Oleshky"],
    ["47.754070, 37.414755, Volodymyrivka, Donetsk Oblast.", "Volodymyrivka"],
    ["on the outskirts of the city of Bakhmut, Donetsk region", "Bakhmut"],
  ])("reads %j as %j", (description, name) => {
    expect(goldSettlementName(description)).toBe(name);
  });

  it.each([
    "",
    "Ukraine",
    "DPR",
    "Donetsk direction",
    "Kherson region",
    "Kharkiv Oblast",
    "Bakhmut and Krasnohorivka",
    "Kievsky district of Donetsk",
    "Donetsk region: 2 in Bakhmut, 1 in Toretsk",
    "Berdyansk airfield",
    'operational command "South"',
    "47.374601, 33.825174 (Khreschenivka)",
    "Donetsk direction \nKrasnolymansky direction",
  ])("finds no single settlement in %j", (description) => {
    expect(goldSettlementName(description)).toBeUndefined();
  });
});

describe("makeSettlementLookup", () => {
  it("puts the name in a neutral sentence, reads places and regions back, and asks once per folded name", () => {
    const texts: string[] = [];
    const lookup = makeSettlementLookup(({ text }) => {
      texts.push(text);
      return testArticle({
        regions: [{ code: "UA-63", name: "Kharkiv Oblast", country: "UA", mentions: 1 }],
        places: [{ name: "Izium", regionCode: "UA-63", lat: 49.2, lon: 37.3 }],
      });
    });
    expect(lookup("Izyum")).toEqual({ places: [{ name: "Izium", regionCode: "UA-63" }], regions: ["UA-63"] });
    lookup("IZYUM");
    expect(texts).toEqual(["Shelling was reported in Izyum."]);
  });
});

describe("killedCount", () => {
  it("sums only the quantities counted in the killed unit", () => {
    expect(killedCount(testEvent("Battles", "Armed clash", { killed: [3, 2], quantities: [40] }))).toBe(5);
    expect(killedCount(testEvent("Battles", "Armed clash", { quantities: [40] }))).toBe(0);
    expect(killedCount(undefined)).toBe(0);
  });
});
