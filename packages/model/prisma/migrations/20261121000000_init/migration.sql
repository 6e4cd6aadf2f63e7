-- Initial schema: articles (the ingest outbox), their events, and region/actor mention links.
CREATE TYPE "ArticleStatus" AS ENUM ('queued', 'processing', 'done', 'failed');
CREATE TYPE "ClaimStatus" AS ENUM ('reported', 'claimed', 'denied', 'contested');
CREATE TYPE "DatePrecision" AS ENUM ('day', 'week', 'month', 'year');

CREATE TABLE "articles" (
    "id" UUID NOT NULL,
    "status" "ArticleStatus" NOT NULL DEFAULT 'queued',
    "title" TEXT,
    "source" TEXT,
    "url" TEXT,
    "html" TEXT,
    "text" TEXT,
    "content_hash" TEXT,
    "language" TEXT,
    "published_at" DATE,
    "sources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "failure_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "articles_content_hash_key" ON "articles"("content_hash");
CREATE INDEX "articles_status_received_at_idx" ON "articles"("status", "received_at");
CREATE INDEX "articles_processed_at_idx" ON "articles"("processed_at");
CREATE INDEX "articles_published_at_idx" ON "articles"("published_at");

CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "acled_event_type" TEXT NOT NULL,
    "acled_sub_event_type" TEXT NOT NULL,
    "actor1_id" TEXT,
    "actor2_id" TEXT,
    "region_code" TEXT,
    "place_name" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "date" DATE,
    "date_precision" "DatePrecision",
    "claim_status" "ClaimStatus",
    "claim_by" TEXT,
    "quantities" JSONB,
    "evidence_text" TEXT NOT NULL,
    "evidence_start" INTEGER NOT NULL,
    "evidence_end" INTEGER NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "events_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "events_article_id_ordinal_key" ON "events"("article_id", "ordinal");
CREATE INDEX "events_region_code_date_idx" ON "events"("region_code", "date");
CREATE INDEX "events_type_date_idx" ON "events"("type", "date");
CREATE INDEX "events_actor1_id_date_idx" ON "events"("actor1_id", "date");
CREATE INDEX "events_actor2_id_date_idx" ON "events"("actor2_id", "date");
CREATE INDEX "events_date_idx" ON "events"("date");

CREATE TABLE "article_regions" (
    "article_id" UUID NOT NULL,
    "region_code" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL,
    CONSTRAINT "article_regions_pkey" PRIMARY KEY ("article_id", "region_code"),
    CONSTRAINT "article_regions_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "article_regions_region_code_idx" ON "article_regions"("region_code");

CREATE TABLE "article_actors" (
    "article_id" UUID NOT NULL,
    "actor_id" TEXT NOT NULL,
    "mentions" INTEGER NOT NULL,
    CONSTRAINT "article_actors_pkey" PRIMARY KEY ("article_id", "actor_id"),
    CONSTRAINT "article_actors_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "article_actors_actor_id_idx" ON "article_actors"("actor_id");
