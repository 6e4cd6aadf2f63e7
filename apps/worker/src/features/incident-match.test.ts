import { describe, expect, it } from "vitest";
import { actorsCompatible, assignIncidents, type IncidentEvent, type IncidentSummary } from "./incident-match.ts";

const strike = (over: Partial<IncidentEvent> = {}): IncidentEvent => ({
  family: "Explosions/Remote violence",
  type: "air-drone-strike",
  regionCode: "UA-63",
  placeName: "Kharkiv",
  actor1Id: "ru-military",
  actor2Id: null,
  date: "2025-05-06",
  ...over,
});

describe("assignIncidents", () => {
  it("merges the same strike reported by several articles, a day apart, into one incident", () => {
    const first = assignIncidents([strike()], []);
    expect(first.incidents).toHaveLength(1);
    const stored: IncidentSummary = { ...first.incidents[0]!, id: "inc-1" };
    const second = assignIncidents([strike({ date: "2025-05-07", type: "infrastructure-strike", placeName: null })], [stored]);
    expect(second.eventIncident).toEqual([0]);
    expect(second.incidents[0]).toMatchObject({ id: "inc-1", dateStart: "2025-05-06", dateEnd: "2025-05-07", changed: true });
  });

  it("keeps apart other regions, other places, other families, far dates and conflicting actors", () => {
    const stored: IncidentSummary = { ...strike(), id: "inc-1", dateStart: "2025-05-06", dateEnd: "2025-05-06" };
    const others = [
      strike({ regionCode: "UA-59" }),
      strike({ placeName: "Chuhuiv" }),
      strike({ family: "Battles", type: "armed-clash" }),
      strike({ date: "2025-05-20" }),
      strike({ actor1Id: "ua-military", actor2Id: "by-military" }),
      strike({ regionCode: null }),
    ];
    for (const event of others) {
      expect(assignIncidents([event], [stored]).eventIncident, JSON.stringify(event)).toEqual([1]);
    }
  });

  it("merges repeated mentions within one article, and is deterministic", () => {
    const events = [strike(), strike({ placeName: null }), strike({ regionCode: "UA-59", placeName: null })];
    const a = assignIncidents(events, []);
    expect(a.eventIncident).toEqual([0, 0, 1]);
    expect(assignIncidents(events, [])).toEqual(a);
  });

  it("treats actors as compatible when one side is unnamed or together they are two parties", () => {
    expect(actorsCompatible([], ["ru-military"])).toBe(true);
    expect(actorsCompatible(["ru-military"], ["ua-military"])).toBe(true);
    expect(actorsCompatible(["ru-military", "ua-military"], ["by-military"])).toBe(false);
  });
});
