-- Cheaper and exact rollup writes (issues 4 and 5), from measuring the batched worker:
--  * an article re-dated while done had its -1 and +1 applied in one call, where an undated event's own incident
--    (dated by its article) cancelled out and stayed counted on the old day: removals now go first, on their own;
--  * the articles' contributions are looked up by id array (the planner took a few rows from jsonb_to_recordset for
--    a hundred and scanned events, article_regions and article_actors whole on every flip);
--  * the events triggers convert only rows whose article is done (the worker writes events while it is not, so
--    those rows count nothing and were converted to JSON for nothing);
--  * the read index no longer includes "count", so incrementing a hot rollup row can be a HOT update.

DROP INDEX "stats_rollup_grain_day_idx";
CREATE INDEX "stats_rollup_grain_day_idx" ON "stats_rollup" ("grain", "day", "facet", "key");

CREATE OR REPLACE FUNCTION frontline_stats_apply_articles(arts JSONB) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    ids UUID[];
    facts JSONB;
    extra JSONB;
BEGIN
    IF arts IS NULL OR jsonb_array_length(arts) = 0 THEN RETURN; END IF;
    ids := ARRAY(SELECT (x ->> 'id')::uuid FROM jsonb_array_elements(arts) x);
    WITH a AS (
        SELECT x.id, COALESCE(x.published_at, (x.received_at AT TIME ZONE 'UTC')::date) AS day, x.source, x.n
        FROM jsonb_to_recordset(arts) AS x(id UUID, published_at DATE, received_at TIMESTAMPTZ, source TEXT, n INT)
    )
    SELECT
        (SELECT jsonb_agg(jsonb_build_object(
            'day', COALESCE(e.date, a.day), 'ik', COALESCE(e.incident_id, e.id),
            'iday', COALESCE(i.date_start, e.date, a.day), 'region_code', e.region_code, 'type', e.type,
            'actor1_id', e.actor1_id, 'actor2_id', e.actor2_id, 'claim', e.claim_status::text, 'source', a.source,
            'place_name', e.place_name, 'lat', e.lat, 'lon', e.lon, 'n', a.n))
         FROM "events" e JOIN a ON a.id = e.article_id LEFT JOIN "incidents" i ON i.id = e.incident_id
         WHERE e.article_id = ANY(ids)),
        (SELECT jsonb_agg(jsonb_build_object('day', y.day, 'facet', y.facet, 'key', y.key, 'n', y.n)) FROM (
            SELECT a.day, f.facet, f.key, a.n
            FROM a CROSS JOIN LATERAL (VALUES ('articles', ''), ('article-source', a.source)) AS f(facet, key)
            WHERE f.key IS NOT NULL
            UNION ALL
            SELECT a.day, 'article-region', r.region_code, a.n
            FROM "article_regions" r JOIN a ON a.id = r.article_id WHERE r.article_id = ANY(ids)
            UNION ALL
            SELECT a.day, 'article-actor', r.actor_id, a.n
            FROM "article_actors" r JOIN a ON a.id = r.article_id WHERE r.article_id = ANY(ids)
        ) y)
    INTO facts, extra;
    PERFORM frontline_stats_apply_events(facts, extra);
END
$$;

CREATE OR REPLACE FUNCTION frontline_stats_articles_update_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- What leaves first, then what enters: in one call a re-dated article's own-day incidents would cancel out.
    PERFORM frontline_stats_apply_articles((
        SELECT jsonb_agg(jsonb_build_object('id', o.id, 'published_at', o.published_at, 'received_at', o.received_at,
            'source', o.source, 'n', -1))
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.status = 'done' AND (n.status <> 'done' OR n.published_at IS DISTINCT FROM o.published_at
            OR n.received_at IS DISTINCT FROM o.received_at OR n.source IS DISTINCT FROM o.source)));
    PERFORM frontline_stats_apply_articles((
        SELECT jsonb_agg(jsonb_build_object('id', n.id, 'published_at', n.published_at, 'received_at', n.received_at,
            'source', n.source, 'n', 1))
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE n.status = 'done' AND (o.status <> 'done' OR n.published_at IS DISTINCT FROM o.published_at
            OR n.received_at IS DISTINCT FROM o.received_at OR n.source IS DISTINCT FROM o.source)));
    RETURN NULL;
END
$$;

-- Only the rows of done articles: frontline_event_facts drops the others anyway, after converting them.
CREATE OR REPLACE FUNCTION frontline_stats_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM frontline_stats_apply_events(frontline_event_facts((
            SELECT jsonb_agg(to_jsonb(r)) FROM new_rows r
            WHERE EXISTS (SELECT 1 FROM "articles" a WHERE a.id = r.article_id AND a.status = 'done')), 1));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM frontline_stats_apply_events(frontline_event_facts((
            SELECT jsonb_agg(to_jsonb(r)) FROM old_rows r
            WHERE EXISTS (SELECT 1 FROM "articles" a WHERE a.id = r.article_id AND a.status = 'done')), -1));
    ELSE
        -- Old and new apart: an event without an incident that changes its day must move, not cancel out.
        PERFORM frontline_stats_apply_events(frontline_event_facts((
            SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.date, o.region_code, o.type, o.actor1_id, o.actor2_id, o.claim_status, o.place_name, o.lat, o.lon,
                   o.article_id, o.incident_id) IS DISTINCT FROM
                  (n.date, n.region_code, n.type, n.actor1_id, n.actor2_id, n.claim_status, n.place_name, n.lat, n.lon,
                   n.article_id, n.incident_id)), -1));
        PERFORM frontline_stats_apply_events(frontline_event_facts((
            SELECT jsonb_agg(to_jsonb(n)) FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.date, o.region_code, o.type, o.actor1_id, o.actor2_id, o.claim_status, o.place_name, o.lat, o.lon,
                   o.article_id, o.incident_id) IS DISTINCT FROM
                  (n.date, n.region_code, n.type, n.actor1_id, n.actor2_id, n.claim_status, n.place_name, n.lat, n.lon,
                   n.article_id, n.incident_id)), 1));
    END IF;
    RETURN NULL;
END
$$;

-- The re-dating fix, applied to what is already stored.
SELECT frontline_rebuild_stats_rollup();
