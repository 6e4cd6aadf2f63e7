import { EnrichedArticle } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { enrichArticle, MAX_ANALYSED_CHARS } from "./enrich.ts";

const STORY = [
  "Press Enter to skip to content",
  "Share on Facebook",
  "Russian forces shelled Kostiantynivka on Tuesday, killing two civilians, regional officials said.",
  "Ukraine's air force said it shot down 40 of 52 drones launched overnight, Interfax-Ukraine reports citing Ukrinform.",
  "Moscow claimed its troops had captured a village near Pokrovsk, which Kyiv denied.",
].join("\n");

function checkEvidence(text: string, out: EnrichedArticle) {
  for (const e of out.events) {
    expect(e.evidence.end).toBeGreaterThan(e.evidence.start);
    expect(text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.text);
  }
}

describe("enrichArticle", () => {
  it("returns a valid EnrichedArticle with true evidence offsets", () => {
    const out = EnrichedArticle.parse(
      enrichArticle({ id: "a1", text: STORY, publishedAt: "2025-05-07", title: "T", source: "S" }),
    );
    expect(out).toMatchObject({ id: "a1", language: "en", title: "T", source: "S", publishedAt: "2025-05-07" });
    expect(out.events.length).toBeGreaterThanOrEqual(3);
    checkEvidence(STORY, out);
    expect(out.events.some((e) => /skip to content|Share on/i.test(e.evidence.text))).toBe(false);
    expect(out.sources).toEqual(expect.arrayContaining(["Interfax-Ukraine", "Ukrinform"]));
  });

  it("is deterministic", () => {
    const a = enrichArticle({ id: "d", text: STORY, publishedAt: "2025-05-07" });
    const b = enrichArticle({ id: "d", text: STORY, publishedAt: "2025-05-07" });
    expect(b).toEqual(a);
  });

  it.each([
    ["English", "Russian drones struck Kharkiv overnight, the mayor said.", "en"],
    [
      "Ukrainian",
      "Російські війська вночі обстріляли Херсон, є поранені, повідомила обласна військова адміністрація.",
      "uk",
    ],
    ["Russian", "Российские военные заявили, что сбили 20 беспилотников над Белгородской областью, жертв нет.", "ru"],
  ])("detects %s", (_name, text, language) => {
    const out = EnrichedArticle.parse(enrichArticle({ id: "l", text, publishedAt: "2025-05-07" }));
    expect(out.language).toBe(language);
    expect(out.regions.length).toBeGreaterThan(0);
    checkEvidence(text, out);
  });

  it("keeps a language given by the caller", () => {
    expect(enrichArticle({ id: "l", text: "Some text here.", language: "de" }).language).toBe("de");
  });
});

describe("regions: where events happened, and what is only named", () => {
  const roles = (text: string) =>
    Object.fromEntries(
      enrichArticle({ id: "r", text, publishedAt: "2024-08-14" }).regions.map((r) => [r.code, r.role]),
    );

  it("counts every region of a list the event happened in", () => {
    expect(
      roles(
        "The defence ministry said 117 drones were shot down overnight in the Kursk, Voronezh and Belgorod regions.",
      ),
    ).toEqual({ "RU-KRS": "event", "RU-VOR": "event", "RU-BEL": "event" });
  });

  it("reads a Ukrainian or Russian list of regions the same way", () => {
    expect(roles("Силы ПВО перехватили 27 беспилотников над Белгородской и Курской областями.")).toEqual({
      "RU-BEL": "event",
      "RU-KRS": "event",
    });
  });

  it("marks a launch area and a reference point as mentions only", () => {
    expect(roles("Russian drones struck Sumy overnight. The drones were launched from Kursk region.")).toEqual({
      "UA-59": "event",
      "RU-KRS": "mention",
    });
    expect(roles("Ukrainian forces retook Bucha, a town north-west of Kyiv.")["UA-30"]).toBe("mention");
  });
});

describe("bad input never crashes", () => {
  const cases: [string, string][] = [
    ["empty text", ""],
    ["whitespace", "   \n\n\t "],
    ["no conflict content", "The museum reopened its garden café this spring after a quiet winter of repairs."],
    ["binary junk", String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65536))],
    ["lone surrogates", "\ud800 Russian forces \udfff shelled \ud83d Kherson \u0000\u0001."],
    ["non-English text", "Die Regierung traf sich am Dienstag in Berlin, um über den Haushalt zu sprechen."],
    ["Chinese text", "今天天气很好，我们去公园散步。"],
    ["only punctuation", "!!! ... ??? ,,, ;;;"],
  ];
  it.each(cases)("%s", (_name, text) => {
    const out = EnrichedArticle.parse(enrichArticle({ id: "b", text, publishedAt: "2025-05-07" }));
    checkEvidence(text, out);
  });

  it("finds no events in text without conflict content", () => {
    expect(enrichArticle({ id: "b", text: cases[2]![1] }).events).toEqual([]);
  });

  it("ignores a malformed publish date instead of failing", () => {
    const out = EnrichedArticle.parse(
      enrichArticle({ id: "b", text: "Shelling hit Sumy yesterday.", publishedAt: "last Tuesday" }),
    );
    expect(out.publishedAt).toBeUndefined();
  });

  it("caps the work on 5 MB of text", () => {
    const paragraph = "Russian forces shelled Bakhmut on Monday, the Ukrainian military said. ";
    const text = paragraph.repeat(Math.ceil(5_000_000 / paragraph.length));
    // Speed is measured by `pnpm frontline bench`, never asserted here; the cap shows in the offsets below.
    const out = EnrichedArticle.parse(enrichArticle({ id: "big", text, publishedAt: "2025-05-07" }));
    expect(out.events.length).toBeGreaterThan(0);
    for (const e of out.events) expect(e.evidence.end).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
    checkEvidence(text, out);
  });
});
