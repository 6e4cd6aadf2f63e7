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

  // Shapes of casualty and count phrases seen in real reports (regional administrations, the JFO, the air force).
  it.each([
    [
      "Russian tanks fired on a column, killing 4 people and wounding 2.",
      [
        [4, "killed"],
        [2, "wounded"],
      ],
    ],
    [
      "The strike killed two people and wounded nine.",
      [
        [2, "killed"],
        [9, "wounded"],
      ],
    ],
    ["The death toll rose to 14 on Monday.", [[14, "killed"]]],
    ["A drone killed a 59-year-old man in Kherson.", [[1, "killed"]]],
    ["Nine people, two of them children, were killed in Dnipro.", [[9, "killed"]]],
    ["One Ukrainian serviceman was killed and two others were wounded.", [[1, "killed"]]],
    ["Air defences shot down 20 of 25 Shahed drones.", [[20, "drones"]]],
    ["Monitors recorded 312 explosions near Horlivka.", [[312, "explosions"]]],
  ])("%s", (text, expected) => {
    expect(quantities(text)).toEqual(expect.arrayContaining(expected));
    if (text.startsWith("Nine")) expect(quantities(text)).not.toContainEqual([2, "killed"]);
  });

  it("counts nothing in a dateline", () => {
    expect(quantities("KYIV, Jan 24 (Reuters) - Russian missiles hit the city.")).toEqual([]);
  });
});
