// Server-only: the one way an ingest enters Frontline, shared by the API, the CLI and feeds.
// The article row is written before the job is queued, so whatever is accepted survives a Redis flush.
import { createHash } from "node:crypto";
import type { Queue } from "bullmq";
import { Prisma, type PrismaClient } from "../db/client.ts";
import { IngestJob, type IngestJobPayload } from "../queues.ts";
import type { IngestAccepted, IngestRequest } from "../schemas/ingest.ts";

/** The text as stored: Unicode NFC, Unix newlines, no surrounding blank space. Evidence offsets index into this. */
export function normaliseArticleText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** Two texts are the same article when they are equal after folding case and runs of white space. */
export function contentHash(text: string): string {
  const folded = text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(folded).digest("hex");
}

export interface IngestDeps {
  db: PrismaClient;
  queue: Queue<IngestJobPayload>;
}

/** Stores the article (once per text) and queues its job, whose id is the article id. */
export async function acceptIngest({ db, queue }: IngestDeps, request: IngestRequest): Promise<IngestAccepted> {
  const text = request.text === undefined ? undefined : normaliseArticleText(request.text);
  const data = {
    title: request.title ?? null,
    source: request.source ?? null,
    url: request.url ?? null,
    html: request.html ?? null,
    text: text ?? null,
    contentHash: text === undefined ? null : contentHash(text),
    language: request.language ?? null,
    publishedAt: request.publishedAt ? new Date(`${request.publishedAt.slice(0, 10)}T00:00:00Z`) : null,
  };

  let article: { id: string; status: string };
  let duplicate = false;
  try {
    article = await db.article.create({ data, select: { id: true, status: true } });
  } catch (err) {
    const isDuplicateText =
      err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002" && data.contentHash !== null;
    if (!isDuplicateText) throw err;
    duplicate = true;
    article = await db.article.findUniqueOrThrow({
      where: { contentHash: data.contentHash! },
      select: { id: true, status: true },
    });
  }

  // Re-queueing a duplicate is harmless (same jobId, idempotent processing) and heals an article whose job was lost.
  if (!duplicate || article.status === "queued") {
    await queue.add(IngestJob.jobName, { articleId: article.id }, { jobId: article.id });
  }
  return { jobId: article.id, articleId: article.id, duplicate, status: article.status };
}
