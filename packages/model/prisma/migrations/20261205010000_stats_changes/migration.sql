-- The stats are counted from a column store in memory of the web process (apps/web/lib/stats-index), which follows
-- the tables through this change log. The rollup, its incident bookkeeping and their triggers go: they cost every
-- processed article several milliseconds of trigger work and still could not answer filtered views quickly.
DROP TRIGGER "stats_rollup_articles_insert" ON "articles";
DROP TRIGGER "stats_rollup_articles_update" ON "articles";
DROP TRIGGER "stats_rollup_articles_delete" ON "articles";
DROP TRIGGER "stats_rollup_events_insert" ON "events";
DROP TRIGGER "stats_rollup_events_delete" ON "events";
DROP TRIGGER "stats_rollup_events_update" ON "events";
DROP TRIGGER "stats_rollup_article_regions_insert" ON "article_regions";
DROP TRIGGER "stats_rollup_article_regions_delete" ON "article_regions";
DROP TRIGGER "stats_rollup_article_actors_insert" ON "article_actors";
DROP TRIGGER "stats_rollup_article_actors_delete" ON "article_actors";
DROP TRIGGER "stats_rollup_incidents_update" ON "incidents";
DROP FUNCTION frontline_stats_articles_insert_trigger();
DROP FUNCTION frontline_stats_articles_update_trigger();
DROP FUNCTION frontline_stats_articles_delete_trigger();
DROP FUNCTION frontline_stats_mentions_trigger();
DROP FUNCTION frontline_stats_incidents_trigger();
DROP FUNCTION frontline_rebuild_stats_rollup();
DROP FUNCTION frontline_rebuild_stats_rollup_weeks();
DROP FUNCTION frontline_stats_apply_articles(JSONB);
DROP FUNCTION frontline_stats_apply_events(JSONB, JSONB);
DROP FUNCTION frontline_incident_facets_apply(JSONB);
DROP FUNCTION frontline_stats_apply(JSONB);
DROP FUNCTION frontline_stats_lock();
DROP FUNCTION frontline_event_facts;
DROP FUNCTION frontline_event_facets;
DROP TABLE "incident_facets";
DROP TABLE "stats_rollup";

-- One row per change that moves a count: an article that became or stopped being processed ("done"), or whose
-- counted rows changed while it was; an incident whose start day moved. Readers remember the last seq they applied
-- and re-read sequence numbers still missing (a transaction that took one has not committed yet).
CREATE TABLE "stats_changes" (
    "seq" BIGSERIAL NOT NULL,
    "article_id" UUID,
    "incident_id" UUID,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stats_changes_pkey" PRIMARY KEY ("seq")
);
CREATE INDEX "stats_changes_changed_at_idx" ON "stats_changes"("changed_at");

-- Statement-level triggers with transition tables: one INSERT … SELECT per statement, however many rows it wrote.
CREATE FUNCTION frontline_log_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "stats_changes" ("article_id") SELECT n.id FROM new_rows n WHERE n.status = 'done';
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "stats_changes" ("article_id") SELECT o.id FROM old_rows o WHERE o.status = 'done';
    ELSE
        INSERT INTO "stats_changes" ("article_id")
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (o.status = 'done' OR n.status = 'done')
          AND (o.status, o.published_at, o.received_at, o.source, o.processed_at)
              IS DISTINCT FROM (n.status, n.published_at, n.received_at, n.source, n.processed_at);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_changes_articles_insert" AFTER INSERT ON "articles"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_articles();
CREATE TRIGGER "stats_changes_articles_update" AFTER UPDATE ON "articles"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_articles();
CREATE TRIGGER "stats_changes_articles_delete" AFTER DELETE ON "articles"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_articles();

-- Rows that belong to an article (events, its regions and actors) matter while the article is done. The worker
-- writes them while the article is 'processing', so this logs nothing on the ingest path; it catches other writers
-- (an incident deleted sets its events' incident_id to NULL, say).
CREATE FUNCTION frontline_log_article_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "stats_changes" ("article_id")
        SELECT a.id FROM "articles" a WHERE a.status = 'done' AND a.id IN (SELECT article_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "stats_changes" ("article_id")
        SELECT a.id FROM "articles" a WHERE a.status = 'done' AND a.id IN (SELECT article_id FROM old_rows);
    ELSE
        INSERT INTO "stats_changes" ("article_id")
        SELECT a.id FROM "articles" a WHERE a.status = 'done'
          AND a.id IN (SELECT article_id FROM new_rows UNION SELECT article_id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_changes_events_insert" AFTER INSERT ON "events"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();
CREATE TRIGGER "stats_changes_events_update" AFTER UPDATE ON "events"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();
CREATE TRIGGER "stats_changes_events_delete" AFTER DELETE ON "events"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();
CREATE TRIGGER "stats_changes_article_regions_insert" AFTER INSERT ON "article_regions"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();
CREATE TRIGGER "stats_changes_article_regions_delete" AFTER DELETE ON "article_regions"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();
CREATE TRIGGER "stats_changes_article_actors_insert" AFTER INSERT ON "article_actors"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();
CREATE TRIGGER "stats_changes_article_actors_delete" AFTER DELETE ON "article_actors"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_article_rows();

-- An incident is counted on its start day: when that moves, so do its counts, whichever articles its events are in.
CREATE FUNCTION frontline_log_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "stats_changes" ("incident_id")
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.date_start IS DISTINCT FROM o.date_start;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_changes_incidents_update" AFTER UPDATE ON "incidents"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_log_incidents();
