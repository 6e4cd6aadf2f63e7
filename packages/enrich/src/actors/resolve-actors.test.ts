import { EnrichedArticle } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { enrichArticle } from "../enrich.ts";

const actorIds = (text: string) =>
  EnrichedArticle.parse(enrichArticle({ id: "t", text, publishedAt: "2025-03-12" })).actors.map((a) => a.id);

describe("actors", () => {
  it.each([
    ["Russian tank units pressed on toward the river.", "ru-military"],
    ["Ukrainian drone operators hit a column.", "ua-military"],
    ["Russia's military denied the report.", "ru-military"],
    ["Ukraine's forces held the line.", "ua-military"],
    ["Kyiv's troops dug in near the town.", "ua-military"],
    ["Russian warplanes dropped glide bombs.", "ru-air-force"],
    ["Російські війська обстріляли село.", "ru-military"],
    ["ЗСУ відбили атаку.", "ua-military"],
    ["President Putin spoke on Tuesday.", "vladimir-putin"],
    ["Zelenskyy met the prime minister.", "volodymyr-zelensky"],
    ["The SBU detained a suspect.", "ua-sbu"],
  ])("%s → %s", (text, id) => {
    expect(actorIds(text)).toContain(id);
  });

  it("reads a bare country as government when it speaks and as military when it acts", () => {
    expect(actorIds("Russia said the talks had failed.")).toEqual(["ru-government"]);
    expect(actorIds("Ukraine captured two villages.")).toEqual(["ua-military"]);
  });

  it("matches short acronyms case-sensitively", () => {
    expect(actorIds("Let us know what un-named sources said.")).toEqual([]);
  });

  it("does not list 'people' as an actor outside an event", () => {
    expect(actorIds("The city was once home to a million people.")).toEqual([]);
  });

  it("reads a capital hit by a strike as the place, and one given aid or talks as its government", () => {
    const regions = (text: string) => enrichArticle({ id: "k", text, publishedAt: "2025-03-12" }).regions;
    expect(regions("Russian missiles struck Kyiv overnight, killing two people.").map((r) => r.code)).toEqual([
      "UA-30",
    ]);
    expect(regions("Washington agreed to resume security assistance to Kyiv after talks in Jeddah.")).toEqual([]);
  });
});
