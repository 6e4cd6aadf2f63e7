import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("detectLanguage", () => {
  it("tells English, Ukrainian and Russian apart, whatever the letters' case", () => {
    expect(detectLanguage("Russian forces shelled the town, officials said.")).toBe("en");
    expect(detectLanguage("ЗСУ ВІДБИЛИ АТАКУ БІЛЯ ПОКРОВСЬКА, ЄДНІСТЬ")).toBe("uk");
    expect(detectLanguage("Войска отбили атаку, сообщили в штабе, объявлены потери")).toBe("ru");
    expect(detectLanguage("12 345 !!")).toBe("und");
  });

  it("counts letters outside ASCII and Cyrillic that lower-case into them (the Kelvin sign is a k)", () => {
    expect(detectLanguage("\u212a\u212a\u212a the")).toBe("en");
    expect(detectLanguage("ééé")).toBe("und");
  });
});
