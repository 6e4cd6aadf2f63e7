// API → queue → worker → database → /api/stats, on the real stack.
import { createIngestQueue, createRedisConnection } from "@frontline/model/queues";
import { describe, expect, inject, it } from "vitest";
import { actorCounts, baseUrl, getStats, ingest, regionCounts, typeEvents, waitForJob } from "./api.ts";

const KHARKIV_DRONE_STRIKE = {
  title: "Drone strike hits Kharkiv region",
  source: "Frontline e2e",
  publishedAt: "2025-08-21",
  text:
    "Russian forces carried out a drone strike on Kharkiv Oblast overnight on 20 August 2025, damaging a warehouse " +
    "and several homes on the outskirts of the city of Kharkiv, the regional governor said. No casualties were reported.",
};

const SUMY_SHELLING = {
  publishedAt: "2025-07-03",
  text:
    "Russian troops shelled the border villages of Sumy Oblast on 2 July 2025, regional officials said, " +
    "damaging a school and a power line.",
};

const KRYVYI_RIH_MISSILE_STRIKE = {
  publishedAt: "2025-05-12",
  text: "A Russian missile strike hit an industrial site in Kryvyi Rih in Dnipropetrovsk Oblast on 11 May 2025, officials said.",
};

describe("ingest flow", () => {
  it("processes a posted article and counts it in /api/stats", async () => {
    const before = await getStats("?count=mentions");
    const incidentsBefore = await getStats();

    const accepted = await ingest(KHARKIV_DRONE_STRIKE);
    expect(accepted.duplicate).toBe(false);
    expect(accepted.jobId).toBe(accepted.articleId);

    const job = await waitForJob(accepted.jobId);
    expect(job, `job failed: ${job.failedReason}`).toMatchObject({ state: "completed", articleStatus: "done" });
    expect(job.events).toBeGreaterThan(0);

    const after = await getStats("?count=mentions");
    expect(after.count).toBe("mentions");
    expect(after.totals.articles).toBe(before.totals.articles + 1);
    expect(after.totals.events).toBe(before.totals.events + job.events!);
    // By default the stats count incidents: at least one new one, never more than the article's events.
    const incidentsAfter = await getStats();
    expect(incidentsAfter.count).toBe("incidents");
    expect(incidentsAfter.totals.articles).toBe(after.totals.articles);
    expect(incidentsAfter.totals.events).toBeGreaterThan(incidentsBefore.totals.events);
    expect(incidentsAfter.totals.events).toBeLessThanOrEqual(incidentsBefore.totals.events + job.events!);
    expect(regionCounts(after, "UA-63").articles).toBe(regionCounts(before, "UA-63").articles + 1);
    expect(regionCounts(after, "UA-63").events).toBeGreaterThan(regionCounts(before, "UA-63").events);
    expect(actorCounts(after, "ru-military").articles).toBe(actorCounts(before, "ru-military").articles + 1);
    expect(actorCounts(after, "ru-military").events).toBeGreaterThan(actorCounts(before, "ru-military").events);
    expect(typeEvents(after, "air-drone-strike")).toBeGreaterThan(typeEvents(before, "air-drone-strike"));
    expect(after.byRegion.find((r) => r.code === "UA-63")?.name).toBe("Kharkiv Oblast");
    expect(after.latestAt).not.toBeNull();

    // The event is dated 20 August 2025: inside a window around it, outside one that ends before it.
    const inside = await getStats("?from=2025-08-20&to=2025-08-21");
    expect(regionCounts(inside, "UA-63").events).toBeGreaterThan(0);
    const earlier = await getStats("?from=2025-01-01&to=2025-08-19");
    expect(regionCounts(earlier, "UA-63").events).toBe(0);
  });

  it("stores the same text once: the repeat is a duplicate of the same article and counts don't double", async () => {
    const first = await ingest(SUMY_SHELLING);
    expect(first.duplicate).toBe(false);
    const firstJob = await waitForJob(first.jobId);
    expect(firstJob.state, `job failed: ${firstJob.failedReason}`).toBe("completed");
    const afterFirst = await getStats();

    // Different surrounding white space and case still make the same article.
    const second = await ingest({ ...SUMY_SHELLING, text: `  ${SUMY_SHELLING.text.toUpperCase()}\n` });
    expect(second).toMatchObject({ duplicate: true, articleId: first.articleId, jobId: first.jobId });
    const secondJob = await waitForJob(second.jobId);
    expect(secondJob.state).toBe("completed");
    expect(secondJob.events).toBe(firstJob.events);

    expect(await getStats()).toEqual(afterFirst);
  });

  it("still reports a finished job from Postgres after Redis has dropped it", async () => {
    const accepted = await ingest(KRYVYI_RIH_MISSILE_STRIKE);
    const finished = await waitForJob(accepted.jobId);
    expect(finished.state, `job failed: ${finished.failedReason}`).toBe("completed");

    // What retention (removeOnComplete) eventually does.
    const connection = createRedisConnection(inject("redisUrl"));
    const queue = createIngestQueue({ connection, prefix: inject("queuePrefix") });
    try {
      expect(await queue.remove(accepted.jobId)).toBe(1);
    } finally {
      await queue.close();
      await connection.quit();
    }

    const response = await fetch(`${baseUrl()}/api/jobs/${accepted.jobId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(finished);
  });
});
