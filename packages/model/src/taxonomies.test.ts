import { describe, expect, it } from "vitest";
import {
  acledCrosswalk,
  actorById,
  actors,
  eventTypeById,
  eventTypes,
  eventTypesForAcled,
  eventTypesForPlover,
  regionByCode,
  regions,
} from "./taxonomies.ts";

const UKRAINE = [
  "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30", "UA-32", "UA-35",
  "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59", "UA-61", "UA-63", "UA-65", "UA-68",
  "UA-71", "UA-74", "UA-77",
];
const RUSSIA_REQUIRED = ["RU-KRS", "RU-BEL", "RU-BRY", "RU-VOR", "RU-ROS", "RU-KDA", "RU-MOW", "RU-MOS", "RU-NIZ"];

describe("regions taxonomy", () => {
  it("has every Ukrainian ISO 3166-2 subdivision, including Crimea, Sevastopol and Kyiv city", () => {
    const ua = regions.filter((r) => r.country === "UA").map((r) => r.code).sort();
    expect(ua).toEqual([...UKRAINE].sort());
  });

  it("has the Russian regions bordering Ukraine or commonly struck", () => {
    for (const code of RUSSIA_REQUIRED) expect(regionByCode(code), code).toBeDefined();
  });

  it("never gives one alias to two regions", () => {
    const owner = new Map<string, string>();
    for (const r of regions) {
      for (const alias of [r.name, ...r.aliases]) {
        const key = alias.toLowerCase();
        expect(owner.get(key) ?? r.code, `"${alias}"`).toBe(r.code);
        owner.set(key, r.code);
      }
    }
  });

  it("is frozen so no caller can corrupt it", () => {
    expect(Object.isFrozen(regions)).toBe(true);
    expect(() => {
      (regions[0] as { name: string }).name = "x";
    }).toThrow();
  });
});

describe("actors taxonomy", () => {
  it("has both militaries with their ACLED names", () => {
    const names = new Set(actors.map((a) => a.acledName));
    expect(names).toContain("Military Forces of Russia (2000-)");
    expect(names).toContain("Military Forces of Ukraine (2019-)");
    expect(names).toContain("NAF: United Armed Forces of Novorossiya");
    expect(names).toContain("Civilians (Ukraine)");
  });
});

describe("event types taxonomy", () => {
  it("covers the event types the product promises, each with an ACLED and a PLOVER crosswalk", () => {
    const ids = new Set(eventTypes.map((t) => t.id));
    for (const id of [
      "ground-advance", "territory-captured", "armed-clash", "shelling", "missile-strike", "air-drone-strike",
      "air-defence-interception", "infrastructure-strike", "civilian-casualties", "prisoners-taken",
      "prisoner-exchange", "troop-buildup", "diplomacy", "military-aid", "statement-threat", "protest",
    ]) {
      expect(ids, id).toContain(id);
    }
    for (const t of eventTypes) {
      expect(t.acled.subEventType.length).toBeGreaterThan(0);
      expect(t.plover.length).toBeGreaterThan(0);
    }
  });
});

describe("lookups and crosswalks", () => {
  it("look up regions, actors and event types by key", () => {
    expect(regionByCode("UA-12")).toMatchObject({ name: "Dnipropetrovsk Oblast", country: "UA" });
    expect(regionByCode("XX-99")).toBeUndefined();
    expect(actorById(actors[0]!.id)).toBe(actors[0]);
    expect(eventTypeById("shelling")?.acled.eventType).toBe("Explosions/Remote violence");
  });

  it("cross-walk event types to and from ACLED and PLOVER", () => {
    expect(acledCrosswalk("shelling")).toEqual({
      eventType: "Explosions/Remote violence",
      subEventType: "Shelling/artillery/missile attack",
    });
    expect(acledCrosswalk("no-such-type")).toBeUndefined();
    const battles = eventTypesForAcled({ eventType: "Battles" });
    expect(battles.map((t) => t.id)).toEqual(expect.arrayContaining(["ground-advance", "armed-clash"]));
    expect(battles.every((t) => t.acled.eventType === "Battles")).toBe(true);
    const clashes = eventTypesForAcled({ eventType: "Battles", subEventType: "Armed clash" });
    expect(clashes.length).toBeGreaterThan(0);
    expect(clashes.length).toBeLessThanOrEqual(battles.length);
    expect(eventTypesForPlover("PROTEST").map((t) => t.id)).toContain("protest");
    expect(eventTypesForPlover("NO-SUCH")).toEqual([]);
  });

  it("is frozen all the way down: nested arrays and crosswalk objects too", () => {
    const region = regionByCode("UA-63")!;
    expect(Object.isFrozen(region.aliases)).toBe(true);
    expect(() => region.aliases.push("x")).toThrow();
    const shelling = eventTypeById("shelling")!;
    expect(Object.isFrozen(shelling.acled)).toBe(true);
    expect(Object.isFrozen(eventTypes)).toBe(true);
    expect(Object.isFrozen(actors)).toBe(true);
  });
});
