import { EnrichedArticle } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { enrichArticle } from "../enrich.ts";

const enrich = (text: string) => EnrichedArticle.parse(enrichArticle({ id: "t", text, publishedAt: "2025-03-12" }));
const codes = (text: string) => enrich(text).regions.map((r) => r.code);

describe("regions", () => {
  it.each([
    ["Shelling was reported across Dnepropetrovsk overnight.", "UA-12"],
    ["Officials in Дніпропетровській області reported damage.", "UA-12"],
    ["Fighting continued in the Kharkov region.", "UA-63"],
    ["A drone hit a depot in Zaporozhye oblast.", "UA-23"],
    ["Air raid alerts sounded across Zaporizhia.", "UA-23"],
    ["Two villages in Nikolaev were shelled.", "UA-48"],
    ["The governor of Kirovograd said debris fell on a farm.", "UA-35"],
    ["Residents of Lugansk reported explosions.", "UA-09"],
    ["Drones flew over Курской области at night.", "RU-KRS"],
  ])("%s → %s", (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it("reads every member of a region list", () => {
    expect(codes("Drones were downed over the Bryansk, Oryol, Lipetsk and Tambov regions.")).toEqual(
      expect.arrayContaining(["RU-BRY", "RU-ORL", "RU-LIP", "RU-TAM"]),
    );
  });

  it("never reads the village Zaporizke as Zaporizhzhia oblast", () => {
    const out = enrich("Troops fought near Zaporizke on Tuesday.");
    expect(out.regions.map((r) => r.code)).toEqual(["UA-12"]);
    expect(out.places?.[0]).toMatchObject({ name: "Zaporizke", regionCode: "UA-12" });
  });

  it("places a settlement in its region with coordinates", () => {
    const out = enrich("Artillery hit Kupiansk and Izyum again.");
    expect(out.regions.map((r) => r.code)).toEqual(["UA-63"]);
    expect(out.places?.map((p) => p.name)).toEqual(["Kupiansk", "Izium"]);
    expect(out.places?.[0]?.lat).toBeGreaterThan(49);
  });

  it("tells Kursk the region from Kursk the city", () => {
    expect(enrich("Fighting spread across the Kursk region.").places).toEqual([]);
    expect(enrich("A drone struck a building in the city of Kursk.").places?.map((p) => p.name)).toEqual(["Kursk"]);
    expect(enrich("Shelling hit Kharkiv, Kharkiv on Monday.").places?.map((p) => p.name)).toEqual(["Kharkiv"]);
  });

  it("reads a capital used as a government as an actor, not a place", () => {
    const gov = enrich("Moscow has claimed the village, and Kyiv's forces say they still hold it.");
    expect(gov.regions).toEqual([]);
    expect(gov.actors.map((a) => a.id)).toEqual(expect.arrayContaining(["ru-government", "ua-military"]));
    const city = enrich("Explosions were heard in Kyiv after midnight.");
    expect(city.regions.map((r) => r.code)).toEqual(["UA-30"]);
  });

  it("maps '<capital> region' to the oblast, not the city", () => {
    expect(codes("Air defence was active over the Kyiv region.")).toEqual(["UA-32"]);
  });

  it("does not read a river as a city", () => {
    expect(enrich("Boats crossed the Dnipro River at dawn.").places).toEqual([]);
  });
});
