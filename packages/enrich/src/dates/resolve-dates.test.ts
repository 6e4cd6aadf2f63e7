import { describe, expect, it } from "vitest";
import { findDates } from "./resolve-dates.ts";

// 2025-03-12 is a Wednesday.
const dates = (text: string, publishedAt = "2025-03-12") =>
  findDates(text, 0, text.length, publishedAt).map((d) => d.date);

describe("dates", () => {
  it.each([
    ["The depot was hit on Monday.", { value: "2025-03-10", precision: "day" }],
    ["Shelling resumed yesterday.", { value: "2025-03-11", precision: "day" }],
    ["An overnight attack damaged a substation.", { value: "2025-03-12", precision: "day" }],
    ["Troops crossed the river on Feb. 27.", { value: "2025-02-27", precision: "day" }],
    ["On 5 March 2022, forces shelled the city.", { value: "2022-03-05", precision: "day" }],
    ["The offensive began in early January.", { value: "2025-01-01", precision: "month" }],
    ["Talks stalled in late November.", { value: "2024-11-01", precision: "month" }],
    ["A strike in late 2023 destroyed the bridge.", { value: "2023-01-01", precision: "year" }],
    ["A similar raid late last year failed.", { value: "2024-01-01", precision: "year" }],
  ])("%s", (text, expected) => {
    expect(dates(text)).toContainEqual(expected);
  });

  it("marks 'since' dates as the start of a period", () => {
    const found = findDates("Attacks have continued since February 2022.", 0, 44, "2025-03-12");
    expect(found[0]).toMatchObject({ since: true, date: { value: "2022-02-01", precision: "month" } });
  });

  it("does not read a distance range as a time", () => {
    expect(dates("They advanced 1 to 2 km.")).toEqual([]);
  });

  it("finds the same with the caller's lower-cased text, across publish dates (the last one parsed is kept)", () => {
    const text = "Early in March 2023, and again on Monday, 5 March 2022 and in late 2021 ИЗЮМ was shelled.";
    for (const publishedAt of ["2025-03-12", "2024-12-31", "2025-03-12", "2024-02-29"]) {
      const found = findDates(text, 0, text.length, publishedAt);
      expect(findDates(text, 0, text.length, publishedAt, text.toLowerCase())).toEqual(found);
      expect(found.length).toBeGreaterThan(2);
    }
    expect(dates("Shelling resumed yesterday.", "2024-03-01")).toEqual([{ value: "2024-02-29", precision: "day" }]);
  });

  it("needs a publish date for relative expressions", () => {
    const text = "Shelling resumed yesterday.";
    expect(findDates(text, 0, text.length, undefined)).toEqual([]);
  });
});
