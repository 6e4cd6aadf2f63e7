import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { effectiveState } = await import("./job-status.ts");

describe("effectiveState", () => {
  it("reports an article being reprocessed as active, whatever its original job says", () => {
    expect(effectiveState("completed", "processing")).toBe("active");
    expect(effectiveState("failed", "processing")).toBe("active");
    expect(effectiveState(null, "processing")).toBe("active");
  });

  it("reports an article queued again as waiting, not by its old outcome", () => {
    expect(effectiveState("completed", "queued")).toBe("waiting");
    expect(effectiveState("failed", "queued")).toBe("waiting");
    expect(effectiveState("delayed", "queued")).toBe("delayed");
  });

  it("keeps the job's state otherwise, and falls back to the article once the job is gone", () => {
    expect(effectiveState("completed", "done")).toBe("completed");
    expect(effectiveState("failed", "failed")).toBe("failed");
    expect(effectiveState(null, "done")).toBe("completed");
    expect(effectiveState(null, "duplicate")).toBe("completed");
    expect(effectiveState(null, "failed")).toBe("failed");
    expect(effectiveState(null, null)).toBe("unknown");
  });
});
