import { EnrichedArticle, regions } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { enrichArticle } from "../enrich.ts";
import { nameKey, settlements } from "./gazetteer.ts";
import { foldKey } from "./transliteration.ts";

const enrich = (text: string) => EnrichedArticle.parse(enrichArticle({ id: "t", text, publishedAt: "2023-03-12" }));
const codes = (text: string) => enrich(text).regions.map((r) => r.code);
const placeOf = (text: string) => enrich(text).places?.map((p) => [p.name, p.regionCode]);

describe("gazetteer layers", () => {
  it("holds GeoNames settlements of every region in the taxonomy", () => {
    const covered = new Set(settlements.map((s) => s.regionCode));
    for (const region of regions) expect(covered, region.code).toContain(region.code);
    expect(settlements.length).toBeGreaterThan(5000);
  });

  it("lays curated entries over the GeoNames ones they describe, keeping both spellings", () => {
    const kupiansk = settlements.filter((s) => nameKey(s.name) === nameKey("Kupiansk"));
    expect(kupiansk).toHaveLength(1);
    expect(kupiansk[0]).toMatchObject({ curated: true, regionCode: "UA-63" });
    expect(kupiansk[0]!.population).toBeGreaterThan(10_000);
    expect(kupiansk[0]!.aliases).toEqual(expect.arrayContaining(["Kupyansk", "Купянськ"]));
  });

  it("keeps curated villages GeoNames does not list", () => {
    expect(settlements.some((s) => s.curated && s.name === "Zaporizke" && s.regionCode === "UA-12")).toBe(true);
  });
});

describe("transliteration variants", () => {
  it.each([
    ["Kharkiv", "Kharkov"],
    ["Kupiansk", "Kupyansk"],
    ["Kupiansk", "kup'yans'k"],
    ["Izium", "Izyum"],
    ["Vuhledar", "Vugledar"],
    ["Chasiv", "Chasov"],
    ["Novoselivka", "Novoselovka"],
    ["Kurakhove", "Kurakhovo"],
    ["Khmelnytskyi", "Khmelnitsky"],
    ["Zaporizhzhia", "Zaporizhia"],
    ["Hola", "Gola"],
    ["Avdiivka", "Avdiyivka"],
    ["Куп’янськ", "Купянськ"],
  ])("%s and %s fold to one key", (a, b) => {
    expect(foldKey(a.toLowerCase())).toBe(foldKey(b.toLowerCase()));
  });

  it("keeps different names apart", () => {
    expect(foldKey("zaporizke")).not.toBe(foldKey("zaporizhzhia"));
    expect(foldKey("kupiansk")).not.toBe(foldKey("kurakhove"));
  });

  it.each([
    ["Shelling of Snigirevka killed a girl.", "UA-48"],
    ["Troops crossed near Gola Pristan at night.", "UA-65"],
    ["A strike hit Hola Prystan.", "UA-65"],
    ["Fighting continued around Chasov Yar.", "UA-14"],
    ["Artillery struck Kurakhovo on Monday.", "UA-14"],
  ])("%s → %s", (text, code) => {
    expect(codes(text)).toEqual([code]);
  });
});

describe("same-name settlements", () => {
  it("takes the region named right after the settlement", () => {
    expect(placeOf("Shelling hit Kamianka, Odesa region, overnight.")).toEqual([["Kam'yanka", "UA-51"]]);
    expect(codes("Shelling hit Kamianka, Cherkasy region, overnight.")).toEqual(["UA-71"]);
    expect(codes("Shelling hit Kamianka in the Chernivtsi region.")).toEqual(["UA-77"]);
  });

  it("takes the region the rest of the text is about", () => {
    const out = enrich("Explosions were heard in Odesa. Later a drone hit a barn in Olenivka.");
    expect(out.places?.find((p) => p.name === "Olenivka")?.regionCode).toBe("UA-51");
  });

  it("takes the candidate near another place in the text", () => {
    const out = enrich("A strike hit the prison colony in Olenivka, near Volnovakha.");
    expect(out.places?.find((p) => p.name === "Olenivka")?.regionCode).toBe("UA-14");
  });

  it("falls back on population when nothing else tells", () => {
    // Krasnopillia, Sumy (~7,800 inhabitants) against Krasnopillia, Mykolaiv (~1,100).
    expect(codes("Shelling hit Krasnopillia overnight.")).toEqual(["UA-59"]);
  });

  it("does not guess between same-name villages of similar size with nothing to tell them apart", () => {
    // Olenivka (Donetsk, ~4,500) and Olenevka (Crimea, ~1,400): too close to call without context.
    const out = enrich("A strike hit the prison colony in Olenivka.");
    expect(out.places).toEqual([]);
    expect(out.regions).toEqual([]);
  });

  it("drops a same-name village whose region the sentence contradicts", () => {
    expect(codes("Troops tried to break through near Krasnopillia in the Donetsk region.")).toEqual(["UA-14"]);
  });

  it("never reads a village named after an oblast as the oblast, in either script", () => {
    expect(codes("Fighting flared near Zaporizke.")).toEqual(["UA-12"]);
    expect(codes("Вранці обстріляли Запорізьке.")).toEqual(["UA-12"]);
    expect(codes("Вранці обстріляли Запорізьку область.")).toEqual(["UA-23"]);
  });

  it("reads '<adjective> district of <city>' as the city, not a village of that name", () => {
    expect(codes("A man was killed by shelling of the Petrovsky district of Donetsk.")).toEqual(["UA-14"]);
  });
});

describe("stoplist and capitalisation", () => {
  it.each([
    "Most residents left before the shelling began.",
    "Banks faced sanctions for using Mir cards.",
    "The 36th Marine Brigade was moved south.",
    "Fighting raged in the Tavria direction.",
  ])("no place in: %s", (text) => {
    expect(enrich(text).places).toEqual([]);
  });

  it("matches a GeoNames name only when capitalised", () => {
    expect(codes("Shelling of Snihurivka killed two.")).toEqual(["UA-48"]);
    expect(codes("shelling of snihurivka killed two.")).toEqual([]);
  });
});
