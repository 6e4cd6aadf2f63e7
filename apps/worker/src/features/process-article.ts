// Turns one stored article into its events, in one transaction, replacing whatever a previous run stored.
// Running it twice on the same article leaves the same rows: jobs may be retried or re-queued freely.
import { enrichArticle } from "@frontline/enrich";
import { EnrichedArticle, IngestRequest } from "@frontline/model";
import type { Prisma, PrismaClient } from "@frontline/model/db";
import { z } from "zod";

/** A failure that retrying cannot fix: the article is marked failed with this message. */
export class ArticleRejected extends Error {
  override name = "ArticleRejected";
}

export interface ProcessedArticle {
  articleId: string;
  events: number;
  regions: number;
  actors: number;
}

export async function processArticle(db: PrismaClient, articleId: string): Promise<ProcessedArticle> {
  const article = await db.article.findUnique({ where: { id: articleId } });
  if (!article) throw new ArticleRejected(`article ${articleId} does not exist`);

  // The stored row must still satisfy the ingest contract: rows written by older code or by hand may not.
  const request = IngestRequest.safeParse({
    text: article.text ?? undefined,
    url: article.url ?? undefined,
    html: article.html ?? undefined,
    title: article.title ?? undefined,
    source: article.source ?? undefined,
    publishedAt: article.publishedAt?.toISOString().slice(0, 10),
    language: article.language ?? undefined,
  });
  if (!request.success) throw new ArticleRejected(`invalid article: ${z.prettifyError(request.error)}`);
  if (request.data.text === undefined || article.text === null) {
    throw new ArticleRejected("only text ingests can be processed so far; url and html ingests are not supported yet");
  }

  await db.article.update({ where: { id: articleId }, data: { status: "processing", attempts: { increment: 1 } } });
  const output = enrichArticle({
    id: article.id,
    text: article.text,
    publishedAt: request.data.publishedAt?.slice(0, 10),
    title: request.data.title,
    source: request.data.source,
    language: request.data.language,
  });
  // The enricher's output is a contract too: never store what the schema would reject.
  const checked = EnrichedArticle.safeParse(output);
  if (!checked.success) throw new ArticleRejected(`enricher output is invalid: ${z.prettifyError(checked.error)}`);
  const enriched = checked.data;

  await db.$transaction([
    db.event.deleteMany({ where: { articleId } }),
    db.articleRegion.deleteMany({ where: { articleId } }),
    db.articleActor.deleteMany({ where: { articleId } }),
    db.event.createMany({ data: enriched.events.map((event, ordinal) => eventRow(articleId, ordinal, event)) }),
    db.articleRegion.createMany({
      data: enriched.regions.map((r) => ({ articleId, regionCode: r.code, mentions: r.mentions })),
    }),
    db.articleActor.createMany({
      data: enriched.actors.map((a) => ({ articleId, actorId: a.id, mentions: a.mentions })),
    }),
    db.article.update({
      where: { id: articleId },
      data: {
        status: "done",
        language: enriched.language,
        sources: enriched.sources ?? [],
        failureReason: null,
        processedAt: new Date(),
      },
    }),
  ]);
  return {
    articleId,
    events: enriched.events.length,
    regions: enriched.regions.length,
    actors: enriched.actors.length,
  };
}

export async function markArticleFailed(db: PrismaClient, articleId: string, reason: string): Promise<void> {
  await db.article.updateMany({ where: { id: articleId }, data: { status: "failed", failureReason: reason } });
}

type EnrichedEvent = EnrichedArticle["events"][number];

function eventRow(articleId: string, ordinal: number, e: EnrichedEvent): Prisma.EventCreateManyInput {
  return {
    articleId,
    ordinal,
    type: e.type,
    acledEventType: e.acled.eventType,
    acledSubEventType: e.acled.subEventType,
    actor1Id: e.actor1?.id ?? null,
    actor2Id: e.actor2?.id ?? null,
    regionCode: e.region?.code ?? null,
    placeName: e.place?.name ?? null,
    lat: e.place?.lat ?? null,
    lon: e.place?.lon ?? null,
    date: e.date ? new Date(`${e.date.value}T00:00:00Z`) : null,
    datePrecision: e.date?.precision ?? null,
    claimStatus: e.claim?.status ?? null,
    claimBy: e.claim?.by ?? null,
    quantities: e.quantities ?? undefined,
    evidenceText: e.evidence.text,
    evidenceStart: e.evidence.start,
    evidenceEnd: e.evidence.end,
    confidence: e.confidence,
  };
}
