import { actors, eventTypes, regions } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { assembleStats, type FacetCountRow } from "./stats-assemble.ts";

const region = regions[0]!;
const otherRegion = regions[1]!;
const actor = actors[0]!;
const eventType = eventTypes[0]!;

describe("assembleStats", () => {
  it("is empty, with null dates, when nothing is counted", () => {
    expect(assembleStats({}, [], [], null)).toEqual({
      from: null,
      to: null,
      totals: { events: 0, articles: 0 },
      byRegion: [],
      byActor: [],
      byEventType: [],
      latestAt: null,
    });
  });

  it("merges event and article counts per key and names them from the taxonomies", () => {
    const eventRows: FacetCountRow[] = [
      { facet: "total", key: null, count: 5 },
      { facet: "region", key: region.code, count: 3 },
      { facet: "actor", key: actor.id, count: 4 },
      { facet: "type", key: eventType.id, count: 5 },
    ];
    const articleRows: FacetCountRow[] = [
      { facet: "total", key: null, count: 2 },
      { facet: "region", key: region.code, count: 2 },
      { facet: "region", key: otherRegion.code, count: 1 },
      { facet: "actor", key: actor.id, count: 2 },
    ];
    const latest = new Date("2025-08-26T10:00:00Z");
    const stats = assembleStats({ from: "2025-08-01", to: "2025-08-31" }, eventRows, articleRows, latest);

    expect(stats.from).toBe("2025-08-01");
    expect(stats.to).toBe("2025-08-31");
    expect(stats.totals).toEqual({ events: 5, articles: 2 });
    expect(stats.byRegion).toEqual([
      { code: region.code, name: region.name, country: region.country, events: 3, articles: 2 },
      { code: otherRegion.code, name: otherRegion.name, country: otherRegion.country, events: 0, articles: 1 },
    ]);
    expect(stats.byActor).toEqual([{ id: actor.id, name: actor.name, events: 4, articles: 2 }]);
    expect(stats.byEventType).toEqual([{ type: eventType.id, label: eventType.label, events: 5 }]);
    expect(stats.latestAt).toBe("2025-08-26T10:00:00.000Z");
  });

  it("sorts by events, then articles", () => {
    const stats = assembleStats(
      {},
      [
        { facet: "region", key: region.code, count: 1 },
        { facet: "region", key: otherRegion.code, count: 7 },
      ],
      [],
      null,
    );
    expect(stats.byRegion.map((r) => r.code)).toEqual([otherRegion.code, region.code]);
  });

  it("keeps a key the taxonomy does not know, named by itself", () => {
    const stats = assembleStats({}, [{ facet: "region", key: "XX-99", count: 1 }], [], null);
    expect(stats.byRegion).toEqual([{ code: "XX-99", name: "XX-99", country: "XX", events: 1, articles: 0 }]);
  });
});
