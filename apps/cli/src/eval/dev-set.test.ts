import { regionByCode } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { type DevNote, devHoldoutPath, evalDevSet, loadDevSet } from "./dev-set.ts";
import { testArticle, testEvent } from "./test-articles.ts";

// ACLED's event types and their sub-event types (ACLED codebook).
const ACLED_SUB_EVENT_TYPES: Record<string, string[]> = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
  ],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
  ],
};

describe("dev set data", () => {
  const notes = loadDevSet();

  it("labels every note with a known region and a valid ACLED pair, with unique ids", () => {
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
    for (const note of notes) {
      expect(regionByCode(note.gold.region), note.id).toBeDefined();
      expect(ACLED_SUB_EVENT_TYPES[note.gold.acled[0]], note.id).toContain(note.gold.acled[1]);
    }
  });

  it("covers most Ukrainian oblasts and the Russian border regions", () => {
    const codes = new Set(notes.map((n) => n.gold.region));
    expect([...codes].filter((c) => c.startsWith("UA-")).length).toBeGreaterThanOrEqual(22);
    for (const code of ["RU-KRS", "RU-BEL", "RU-BRY"]) expect(codes).toContain(code);
  });
});

describe("holdout data", () => {
  const holdout = loadDevSet(devHoldoutPath);

  it("labels 40 notes like the dev set, none of them a dev-set note", () => {
    expect(holdout).toHaveLength(40);
    const devIds = new Set(loadDevSet().map((n) => n.id));
    const devTexts = new Set(loadDevSet().map((n) => n.text));
    for (const note of holdout) {
      expect(regionByCode(note.gold.region), note.id).toBeDefined();
      expect(ACLED_SUB_EVENT_TYPES[note.gold.acled[0]], note.id).toContain(note.gold.acled[1]);
      expect(devIds.has(note.id) || devTexts.has(note.text), note.id).toBe(false);
    }
  });
});

describe("evalDevSet", () => {
  const note = (
    id: string,
    region: string,
    acled: [string, string],
    actor1Side: DevNote["gold"]["actor1Side"],
  ): DevNote => ({
    id,
    text: "x",
    publishedAt: "2023-01-01",
    gold: { region, acled, actor1Side },
  });

  it("scores admin1, event type, the sub-event pair and actor1 side of the primary event", () => {
    const notes = [
      note("a", "UA-63", ["Explosions/Remote violence", "Shelling/artillery/missile attack"], "RU"),
      note("b", "UA-14", ["Explosions/Remote violence", "Air/drone strike"], "UA"),
      note("c", "UA-65", ["Strategic developments", "Agreement"], null),
    ];
    const predictions: Record<string, ReturnType<typeof testArticle>> = {
      a: testArticle({
        events: [
          testEvent("Explosions/Remote violence", "Shelling/artillery/missile attack", {
            region: "UA-63",
            actor1: "ru-military",
          }),
          testEvent("Battles", "Armed clash", { region: "UA-14", actor1: "ua-military" }),
        ],
      }),
      b: testArticle({
        events: [
          testEvent("Explosions/Remote violence", "Shelling/artillery/missile attack", {
            region: "UA-14",
            actor1: "ru-military",
          }),
        ],
      }),
      c: testArticle({ events: [testEvent("Battles", "Armed clash", { region: "UA-65", actor1: "ua-military" })] }),
    };
    const report = evalDevSet(notes, ({ id }) => predictions[id]!);
    const field = (name: string) => report.fields.find((f) => f.field === name);
    expect(field("admin1")).toMatchObject({ tp: 3, fp: 0, fn: 0, n: 3 });
    expect(field("event_type")).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(field("sub_event_type")).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    // Note c has no single acting side: not scored, whatever is predicted.
    expect(field("actor1 side")).toMatchObject({ tp: 1, fp: 1, fn: 1, n: 2 });
    expect(report.confusions).toContainEqual({
      field: "sub_event_type",
      gold: "Air/drone strike",
      predicted: "Shelling/artillery/missile attack",
      count: 1,
    });
    expect(report.confusions).toContainEqual({ field: "actor1 side", gold: "UA", predicted: "RU", count: 1 });
    expect(report.dataset).toBe("ours-dev");
  });

  it("reports the holdout as its own dataset", () => {
    const report = evalDevSet(
      [note("a", "UA-63", ["Battles", "Armed clash"], "RU")],
      () => testArticle({}),
      "ours-holdout",
    );
    expect(report.dataset).toBe("ours-holdout");
    expect(report.title).toMatch(/^ours-holdout: 1 ACLED-style notes of our own writing/);
    expect(report).toMatchObject({ realText: false, split: "holdout" });
  });
});
