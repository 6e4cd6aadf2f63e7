// Latin spellings of Ukrainian names (scripts/ua-names.ts): the national romanisation and the Russian spellings derived
// by rules/transliteration.json, and how the matcher's folding meets them.
import { describe, expect, it } from "vitest";
import rulesData from "../../rules/transliteration.json";
import {
  compileRussianSpellingRules,
  getsRussianSpellings,
  RussianSpellingRules,
  romaniseUkrainian,
  russianSpellings,
} from "../../scripts/ua-names.ts";
import { foldKey, nameKey } from "./transliteration.ts";

describe("national romanisation (Cabinet of Ministers resolution 55, 2010)", () => {
  it.each([
    // The resolution's own examples of its positional rules and of зг.
    ["Згорани", "Zghorany"],
    ["Розгон", "Rozghon"],
    ["Єнакієве", "Yenakiieve"],
    ["Короп’є", "Koropie"],
    ["Їжакевич", "Yizhakevych"],
    ["Кадиївка", "Kadyivka"],
    ["Йосипівка", "Yosypivka"],
    ["Стрий", "Stryi"],
    ["Юрій", "Yurii"],
    ["Корюківка", "Koriukivka"],
    ["Яготин", "Yahotyn"],
    ["Знам’янка", "Znamianka"],
    ["Феодосія", "Feodosiia"],
    ["Щербухи", "Shcherbukhy"],
    ["Ґорґани", "Gorgany"],
    // Names of the codifier.
    ["Верхньоторецьке", "Verkhnotoretske"],
    ["Мар’їнка", "Marinka"],
    ["Велика Новосілка", "Velyka Novosilka"],
    // Each part of a hyphenated name starts a word.
    ["Нью-Йорк", "Niu-York"],
    ["Івано-Ярізівка", "Ivano-Yarizivka"],
  ])("%s → %s", (ukrainian, latin) => {
    expect(romaniseUkrainian(ukrainian)).toBe(latin);
  });
});

describe("Russian spellings (rules/transliteration.json: russianSpellings)", () => {
  const latin = (name: string) => russianSpellings(name).map((s) => s.latin);

  it.each([
    ["Новоселівка", "Novoselovka"],
    ["Петрівське", "Petrovskoye"],
    ["Логвинове", "Logvinovo"],
    ["Веселогорівка", "Veselogorovka"],
    ["Комінтернове", "Kominternovo"],
    ["Мілове", "Melovoye"],
    ["Мілове", "Melovoy"],
    ["Верхньоторецьке", "Verkhnetoretskoye"],
    ["Миколаївка", "Nikolayevka"],
    ["Кам’янка", "Kamenka"],
    ["Єнакієве", "Yenakiyevo"],
    ["Велика Новосілка", "Velikaya Novoselka"],
    ["Трипілля", "Tripolye"],
    ["Хороше", "Khorosheye"],
  ])("%s → %s", (ukrainian, russian) => {
    expect(latin(ukrainian)).toContain(russian);
  });

  it("gives the Russian Cyrillic form too", () => {
    expect(russianSpellings("Новоселівка").map((s) => s.cyrillic)).toEqual(["Новоселовка"]);
    expect(russianSpellings("Мар’їнка").map((s) => s.cyrillic)).toEqual(["Марьинка"]);
  });

  it("keeps only the front-line, southern and north-eastern oblasts and Kyiv", () => {
    expect(getsRussianSpellings("UA-14")).toBe(true);
    expect(getsRussianSpellings("UA-63")).toBe(true);
    expect(getsRussianSpellings("UA-46")).toBe(false);
  });

  it("applies the rules in order, a rule with several replacements giving several spellings", () => {
    const rules = compileRussianSpellingRules(
      RussianSpellingRules.parse({
        description: "test",
        regions: ["UA-14"],
        cyrillic: [{ pattern: "ове$", replace: ["ово", "овое"] }],
        romanisation: [{ pattern: "л", replace: "l" }, ...rulesData.russianSpellings.romanisation],
      }),
    );
    expect(russianSpellings("Мелове", rules).map((s) => s.latin)).toEqual(["Melovo", "Melovoye"]);
  });
});

describe("the folding meets Russian spellings, so the layer need not store them", () => {
  it.each([
    ["Novoselivka", "Novoselovka"],
    ["Petrivske", "Petrovskoye"],
    ["Lohvynove", "Logvinovo"],
    ["Veselohorivka", "Veselogorovka"],
    ["Stepne", "Stepnoe"],
    ["Nikolayevka", "Nikolaevka"],
    ["Kreminna", "Kreminnaya"],
    ["Khoroshe", "Khorosheye"],
    ["Zolote", "Zolote-5"],
  ])("%s = %s", (ukrainian, russian) => {
    expect(nameKey(russian)).toBe(nameKey(ukrainian));
  });

  it("strips a number only from a settlement's name, not from a weapon's", () => {
    expect(foldKey("zolote-5")).toBe(foldKey("zolote"));
    expect(foldKey("su-34")).toBe("su-34");
    expect(foldKey("mig-29")).toMatch(/-29$/);
  });

  it("keeps names that differ in more than their romanisation apart", () => {
    expect(nameKey("Melovoy")).not.toBe(nameKey("Milove"));
    expect(nameKey("Kamenka")).not.toBe(nameKey("Kamianka"));
  });
});
