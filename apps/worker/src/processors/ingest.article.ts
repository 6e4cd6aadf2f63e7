// Processor for the ingest queue: validate the payload, process the article, report the outcome. One article
// processor per worker, so the jobs the worker runs at once share its claim and persist batches.
import { IngestJob, type IngestJobPayload } from "@frontline/model/queues";
import { type Job, UnrecoverableError } from "bullmq";
import { z } from "zod";
import {
  type ArticleStores,
  ArticleRejected,
  createArticleProcessor,
  markArticleFailed,
  type ProcessedArticle,
  type ProcessOptions,
} from "../features/process-article.ts";

export function createIngestArticleProcessor(stores: ArticleStores, options: ProcessOptions = {}) {
  const { db } = stores;
  const articles = createArticleProcessor(stores, options);
  return async function ingestArticle(job: Job<IngestJobPayload>): Promise<ProcessedArticle> {
    const payload = IngestJob.payload.safeParse(job.data);
    if (!payload.success) {
      const reason = `invalid ${IngestJob.jobName} payload: ${z.prettifyError(payload.error)}`;
      const articleId = typeof job.data?.articleId === "string" ? job.data.articleId : undefined;
      if (articleId && z.uuid().safeParse(articleId).success) await markArticleFailed(db, articleId, reason);
      throw new UnrecoverableError(reason);
    }
    const { articleId } = payload.data;
    try {
      return await articles.process(articleId);
    } catch (err) {
      const reason = (err as Error).message;
      if (err instanceof ArticleRejected) {
        await markArticleFailed(db, articleId, reason);
        throw new UnrecoverableError(reason);
      }
      // Transient trouble (database down, deadlock, fetch timeout, HTTP 5xx): let BullMQ retry, and record the reason once attempts run out.
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) await markArticleFailed(db, articleId, reason).catch(() => {});
      throw err;
    }
  };
}
