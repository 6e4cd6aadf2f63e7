-- Ingest at scale: every source of a stored article, exact duplicates, stories (near-duplicates and rewrites),
-- incidents (events about the same real-world incident), feeds and the feed items already seen.
ALTER TYPE "ArticleStatus" ADD VALUE 'duplicate';

CREATE TABLE "stories" (
    "id" UUID NOT NULL,
    "title" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_on" DATE NOT NULL,
    CONSTRAINT "stories_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "stories_last_seen_on_idx" ON "stories"("last_seen_on");

ALTER TABLE "articles"
    ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN "canonical_url" TEXT,
    ADD COLUMN "byline" TEXT,
    ADD COLUMN "fetched_at" TIMESTAMPTZ(3),
    ADD COLUMN "duplicate_of_id" UUID,
    ADD COLUMN "story_id" UUID,
    ADD COLUMN "primary_region" TEXT,
    ADD COLUMN "story_profile" JSONB,
    ADD COLUMN "minhash" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    ADD CONSTRAINT "articles_duplicate_of_id_fkey" FOREIGN KEY ("duplicate_of_id") REFERENCES "articles"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    ADD CONSTRAINT "articles_story_id_fkey" FOREIGN KEY ("story_id") REFERENCES "stories"("id") ON DELETE SET NULL ON UPDATE CASCADE;
UPDATE "articles" SET "updated_at" = COALESCE("processed_at", "received_at");
CREATE UNIQUE INDEX "articles_canonical_url_key" ON "articles"("canonical_url");
CREATE INDEX "articles_status_updated_at_idx" ON "articles"("status", "updated_at");
CREATE INDEX "articles_duplicate_of_id_idx" ON "articles"("duplicate_of_id");
CREATE INDEX "articles_story_id_idx" ON "articles"("story_id");
CREATE INDEX "articles_primary_region_received_at_idx" ON "articles"("primary_region", "received_at");

CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "family" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "region_code" TEXT,
    "place_name" TEXT,
    "actor1_id" TEXT,
    "actor2_id" TEXT,
    "date_start" DATE,
    "date_end" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incidents_region_code_family_date_end_idx" ON "incidents"("region_code", "family", "date_end");
CREATE INDEX "incidents_date_start_idx" ON "incidents"("date_start");

ALTER TABLE "events"
    ADD COLUMN "incident_id" UUID,
    ADD CONSTRAINT "events_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "events_incident_id_idx" ON "events"("incident_id");

CREATE TABLE "feeds" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "interval_seconds" INTEGER NOT NULL DEFAULT 900,
    "etag" TEXT,
    "last_modified" TEXT,
    "last_error" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_polled_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "next_poll_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feeds_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "feeds_url_key" ON "feeds"("url");

CREATE TABLE "feed_items" (
    "feed_id" UUID NOT NULL,
    "item_key" TEXT NOT NULL,
    "url" TEXT,
    "article_id" UUID,
    "seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feed_items_pkey" PRIMARY KEY ("feed_id", "item_key"),
    CONSTRAINT "feed_items_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "article_sources" (
    "id" UUID NOT NULL,
    "article_id" UUID NOT NULL,
    "source_key" TEXT NOT NULL,
    "url" TEXT,
    "source" TEXT,
    "title" TEXT,
    "feed_id" UUID,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "article_sources_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "article_sources_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "article_sources_feed_id_fkey" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "article_sources_article_id_source_key_key" ON "article_sources"("article_id", "source_key");
CREATE INDEX "article_sources_url_idx" ON "article_sources"("url");
CREATE INDEX "article_sources_feed_id_idx" ON "article_sources"("feed_id");

CREATE TABLE "article_bands" (
    "article_id" UUID NOT NULL,
    "band" INTEGER NOT NULL,
    "hash" INTEGER NOT NULL,
    CONSTRAINT "article_bands_pkey" PRIMARY KEY ("article_id", "band"),
    CONSTRAINT "article_bands_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "article_bands_band_hash_idx" ON "article_bands"("band", "hash");

-- Existing articles: their own text (or url) is their first source.
INSERT INTO "article_sources" ("id", "article_id", "source_key", "url", "source", "title", "received_at")
SELECT gen_random_uuid(), "id", COALESCE("url", 'source:' || "source", 'text'), "url", "source", "title", "received_at"
FROM "articles";
