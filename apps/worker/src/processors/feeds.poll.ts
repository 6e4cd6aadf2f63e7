// Processor for the feeds queue: validate the payload, poll the feed, report what it brought.
import { FeedPollJob, type FeedPollJobPayload } from "@frontline/model/queues";
import { type Job, UnrecoverableError } from "bullmq";
import { z } from "zod";
import { type PollDeps, type PollResult, pollFeed } from "../features/poll-feed.ts";

export function createFeedPollProcessor(deps: PollDeps) {
  return async function feedsPoll(job: Job<FeedPollJobPayload>): Promise<PollResult> {
    const payload = FeedPollJob.payload.safeParse(job.data);
    if (!payload.success) throw new UnrecoverableError(`invalid ${FeedPollJob.jobName} payload: ${z.prettifyError(payload.error)}`);
    return pollFeed(deps, payload.data.feedId);
  };
}
