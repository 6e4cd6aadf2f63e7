-- Story candidates of a batch: per primary region, the newest articles that are done or processing and have a story
-- (persist-articles.ts). With this partial index the plan is one short index range per region whatever the
-- statistics say; a young table without statistics otherwise scanned every done article per region.
CREATE INDEX "articles_story_candidates_idx" ON "articles" ("primary_region", "received_at" DESC)
    WHERE "status" IN ('done', 'processing') AND "story_id" IS NOT NULL;
