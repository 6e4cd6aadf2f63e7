// Bulk import: reads records as a stream, validates each with the API's IngestRequest schema, and accepts them in
// batches through acceptIngestBatch (Postgres first, then one addBulk), awaiting each batch before reading on.
import { IngestRequest } from "@frontline/model";
import { acceptIngestBatch, type IngestDeps } from "@frontline/model/ingest";
import { z } from "zod";
import { type InputKind, type InputRecord, readRecords } from "./read-records.ts";

export interface BulkSummary {
  read: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface BulkOptions {
  batchSize?: number;
  /** Called for each rejected record as it happens (so nothing accumulates in memory). */
  onReject: (where: string, reason: string) => void;
  /** Called with input progress (bytes of a file or files of a folder). */
  onProgress?: (done: number, summary: BulkSummary) => void;
  /** Called after each accepted batch (tests use it to disturb the run). */
  afterBatch?: (summary: BulkSummary) => Promise<void> | void;
}

export async function bulkIngest(deps: IngestDeps, path: string, kind: InputKind, options: BulkOptions): Promise<BulkSummary> {
  const batchSize = options.batchSize ?? 500;
  const summary: BulkSummary = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let batch: IngestRequest[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const results = await acceptIngestBatch(deps, batch);
    for (const r of results) {
      if (r.duplicate) summary.duplicates++;
      else summary.accepted++;
    }
    batch = [];
    await options.afterBatch?.(summary);
  };
  const records = readRecords(path, kind, (done) => options.onProgress?.(done, summary));
  let last: string | undefined;
  try {
    for (;;) {
      let next: IteratorResult<InputRecord>;
      try {
        next = await records.next();
      } catch (err) {
        // The reader failed mid-input: what it read is still accepted, and the failure reported like a rejection.
        summary.rejected++;
        options.onReject(last ? `after ${last}` : path, `could not read further: ${(err as Error).message}`);
        break;
      }
      if (next.done) break;
      const record = next.value;
      last = record.where;
      summary.read++;
      if (record.error) {
        summary.rejected++;
        options.onReject(record.where, record.error);
        continue;
      }
      const request = IngestRequest.safeParse(record.value);
      if (!request.success) {
        summary.rejected++;
        options.onReject(record.where, z.prettifyError(request.error).replace(/\n/g, "; "));
        continue;
      }
      batch.push(request.data);
      if (batch.length >= batchSize) await flush();
    }
  } finally {
    await records.return(undefined); // closes the input when a batch fails
  }
  await flush();
  return summary;
}
