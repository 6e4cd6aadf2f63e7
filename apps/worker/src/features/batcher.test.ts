import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher.ts";

describe("micro-batcher", () => {
  it("hands items over in batches, one batch at a time, and answers each caller with its own result", async () => {
    const batches: number[][] = [];
    let running = 0;
    const batcher = createBatcher<number, number>({
      maxSize: 3,
      maxWaitMs: 5,
      run: async (items) => {
        running += 1;
        expect(running).toBe(1);
        batches.push(items);
        await new Promise((r) => setTimeout(r, 10));
        running -= 1;
        return items.map((n) => (n === 4 ? new Error("four is bad") : n * 10));
      },
    });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6, 7].map((n) => batcher.add(n)));
    // Full batches start at once; what waits when a batch ends goes next; the rest after maxWaitMs.
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      10, 20, 30, "four is bad", 50, 60, 70,
    ]);
  });

  it("rejects every item of a batch whose run fails, and keeps going", async () => {
    let calls = 0;
    const batcher = createBatcher<string, string>({
      maxSize: 10,
      maxWaitMs: 1,
      run: async (items) => {
        calls += 1;
        if (calls === 1) throw new Error("database down");
        return items.map((s) => s.toUpperCase());
      },
    });
    const first = await Promise.allSettled([batcher.add("a"), batcher.add("b")]);
    expect(first.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await batcher.add("c")).toBe("C");
  });
});
