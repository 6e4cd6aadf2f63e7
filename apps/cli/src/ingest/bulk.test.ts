// bulkIngest when its reader fails mid-input: the records read so far are still accepted and the failure reported.
import type { IngestDeps } from "@frontline/model/ingest";
import { describe, expect, it, vi } from "vitest";
import { bulkIngest } from "./bulk.ts";

const accepted: unknown[][] = [];
vi.mock("@frontline/model/ingest", () => ({
  acceptIngestBatch: vi.fn(async (_deps: unknown, batch: unknown[]) => {
    accepted.push(batch);
    return batch.map(() => ({ duplicate: false }));
  }),
}));
vi.mock("./read-records.ts", () => ({
  async *readRecords() {
    yield { where: "line 1", value: { text: "Shelling hit Kharkiv overnight." } };
    yield { where: "line 2", value: { text: "Drones struck Sumy." } };
    throw new Error("EIO: i/o error, read");
  },
}));

describe("bulkIngest", () => {
  it("accepts what was read before the reader failed and reports the failure as a rejection", async () => {
    const rejects: string[] = [];
    const summary = await bulkIngest({} as IngestDeps, "/in.jsonl", "jsonl", {
      onReject: (where, reason) => rejects.push(`${where}: ${reason}`),
    });
    expect(summary).toEqual({ read: 2, accepted: 2, duplicates: 0, rejected: 1 });
    expect(accepted.flat()).toHaveLength(2);
    expect(rejects).toEqual(["after line 2: could not read further: EIO: i/o error, read"]);
  });
});
