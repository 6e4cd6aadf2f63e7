// The three seed articles Frontline was founded on, read from the shared corpus at test time.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getStats, ingest, waitForJob } from "./api.ts";
import { sharedDir } from "./paths.ts";

/** Publication dates of the seeds, in the order of their file names (000-, 001-, 002-). */
const SEED_PUBLISHED_AT = ["2025-08-26", "2025-06-09", "2024-08-14"];

describe("seed corpus", () => {
  it("finds the regions and militaries the seeds report, and not the Zaporizhzhia false friend", async () => {
    const seedsDir = join(sharedDir(), "corpus/seeds");
    const files = (await readdir(seedsDir)).filter((f) => f.endsWith(".txt")).sort();
    expect(files).toHaveLength(SEED_PUBLISHED_AT.length);

    const accepted = await Promise.all(
      files.map(async (file, i) =>
        ingest({ text: await readFile(join(seedsDir, file), "utf8"), source: file, publishedAt: SEED_PUBLISHED_AT[i] }),
      ),
    );
    for (const { jobId } of accepted) {
      const job = await waitForJob(jobId);
      expect(job.state, `job ${jobId} failed: ${job.failedReason}`).toBe("completed");
    }

    const stats = await getStats();
    const regionCodes = stats.byRegion.map((r) => r.code);
    expect(regionCodes).toEqual(expect.arrayContaining(["UA-12", "UA-14", "UA-53", "RU-KRS", "RU-BEL", "RU-VOR"]));
    expect(regionCodes).not.toContain("UA-23");
    expect(stats.byActor.map((a) => a.id)).toEqual(expect.arrayContaining(["ru-military", "ua-military"]));
  });
});
