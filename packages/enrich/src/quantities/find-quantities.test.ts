import { describe, expect, it } from "vitest";
import { tokenize } from "../text/tokens.ts";
import { findQuantities } from "./find-quantities.ts";

const quantities = (text: string) => findQuantities(text, tokenize(text)).map((q) => [q.value, q.unit]);

describe("quantities", () => {
  it.each([
    ["Air defences downed 48 Russian drones.", [48, "drones"]],
    ["The column was 12 km from the border.", [12, "km"]],
    ["Both sides freed 205 prisoners.", [205, "prisoners"]],
    ["Three people were killed and 11 wounded.", [3, "killed"]],
    ["Troops moved one to two kilometres forward.", [2, "km"]],
    ["More than 1,200 shells were fired.", [1200, "shells"]],
  ])("%s", (text, expected) => {
    expect(quantities(text)).toContainEqual(expected);
  });

  it("drops the bracketed conversion of a distance", () => {
    expect(quantities("The town lies 30 km (19 miles) away.")).toEqual([[30, "km"]]);
  });

  it("does not count years or model numbers", () => {
    expect(quantities("In 2023 a Su-34 crashed.")).toEqual([]);
  });
});
