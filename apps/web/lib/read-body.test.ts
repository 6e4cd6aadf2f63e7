import { describe, expect, it } from "vitest";
import { declaredTooLarge, readBodyWithLimit } from "./read-body.ts";

function streamOf(chunks: Uint8Array[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
    cancel: onCancel,
  });
}

describe("declaredTooLarge", () => {
  it("compares a numeric Content-Length with the limit", () => {
    expect(declaredTooLarge("11", 10)).toBe(true);
    expect(declaredTooLarge("10", 10)).toBe(false);
  });
  it("leaves a missing or unreadable header to the byte count", () => {
    expect(declaredTooLarge(null, 10)).toBe(false);
    expect(declaredTooLarge("lots", 10)).toBe(false);
  });
});

describe("readBodyWithLimit", () => {
  it("joins the chunks of a body within the limit", async () => {
    const result = await readBodyWithLimit(streamOf([new Uint8Array([1, 2]), new Uint8Array([3])]), 3);
    expect(result).toEqual({ ok: true, bytes: new Uint8Array([1, 2, 3]) });
  });

  it("treats a missing body as empty", async () => {
    expect(await readBodyWithLimit(null, 3)).toEqual({ ok: true, bytes: new Uint8Array() });
  });

  it("stops reading and cancels the stream once the limit is passed", async () => {
    let cancelled = false;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4));
      },
      cancel() {
        cancelled = true;
      },
    });
    expect(await readBodyWithLimit(endless, 10)).toEqual({ ok: false, reason: "too-large" });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(6);
  });

  it("refuses a body one byte over the limit", async () => {
    const result = await readBodyWithLimit(streamOf([new Uint8Array(3), new Uint8Array(1)]), 3);
    expect(result.ok).toBe(false);
  });
});
