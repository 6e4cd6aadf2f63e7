import { describe, expect, it } from "vitest";
import { pgArray } from "./pg-array.ts";

describe("pgArray", () => {
  it("writes numbers as they print, strings quoted with backslash and quote escaped, null as NULL", () => {
    expect(pgArray([])).toBe("{}");
    expect(pgArray([1, -2, 0.5, 1e-7])).toBe("{1,-2,0.5,1e-7}");
    expect(pgArray(["a", null, "", 'say "hi"', "back\\slash", "{x, y}", "NULL"])).toBe(
      '{"a",NULL,"","say \\"hi\\"","back\\\\slash","{x, y}","NULL"}',
    );
  });
});
