import { EventsQuery } from "@frontline/model";
import { describe, expect, it } from "vitest";
import { parseQueryLenient } from "./query-params.ts";

describe("parseQueryLenient", () => {
  it("keeps the valid parameters of the events page and drops the rest, one by one", () => {
    const { query, ignored } = parseQueryLenient(
      EventsQuery,
      new URLSearchParams("region=UA-63&claim=maybe&sort=date&order=sideways&page=0&limit=50"),
    );
    expect(query).toEqual({ region: "UA-63", sort: "date", limit: 50 });
    expect(ignored.map((i) => [i.field, i.keys])).toEqual([
      ["claim", ["claim"]],
      ["order", ["order"]],
      ["page", ["page"]],
    ]);
  });

  it("drops only the page when both a cursor and a page are given", () => {
    const { query, ignored } = parseQueryLenient(EventsQuery, { cursor: "abc", page: "2", type: "shelling" });
    expect(query).toEqual({ cursor: "abc", type: "shelling" });
    expect(ignored).toEqual([{ field: "page", keys: ["page"], reason: "give cursor or page, not both" }]);
  });
});
