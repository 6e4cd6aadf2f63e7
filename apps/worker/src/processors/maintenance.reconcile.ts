// Processor for the maintenance queue: re-queue accepted-but-unfinished articles, re-create feed schedulers and prune
// the stats change log.
import { type FeedDeps, ensureFeedSchedulers } from "@frontline/model/feeds";
import { ReconcileJob, type ReconcileJobPayload } from "@frontline/model/queues";
import { pruneStatsChanges, type ReconcileDeps, type ReconcileResult, reconcileIngest } from "@frontline/model/reconcile";
import { type Job, UnrecoverableError } from "bullmq";
import { z } from "zod";

export function createReconcileProcessor(deps: ReconcileDeps & FeedDeps, defaultOlderThanMs: number) {
  return async function maintenanceReconcile(
    job: Job<ReconcileJobPayload>,
  ): Promise<ReconcileResult & { feeds: number; statsChangesPruned: number }> {
    const payload = ReconcileJob.payload.safeParse(job.data ?? {});
    if (!payload.success) throw new UnrecoverableError(`invalid ${ReconcileJob.jobName} payload: ${z.prettifyError(payload.error)}`);
    const articles = await reconcileIngest(deps, { olderThanMs: payload.data.olderThanMs ?? defaultOlderThanMs });
    const feeds = await ensureFeedSchedulers(deps);
    const statsChangesPruned = await pruneStatsChanges(deps.db);
    return { ...articles, feeds, statsChangesPruned };
  };
}
