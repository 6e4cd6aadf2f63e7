import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./page-cursor.ts";

describe("page cursors", () => {
  it("round-trip offsets", () => {
    for (const offset of [0, 50, 12_345]) expect(decodeCursor(encodeCursor(offset))).toBe(offset);
  });
  it("refuse anything they did not make", () => {
    expect(decodeCursor("not a cursor!")).toBeNull();
    expect(decodeCursor(Buffer.from("o1:-5").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("50").toString("base64url"))).toBeNull();
  });
});
