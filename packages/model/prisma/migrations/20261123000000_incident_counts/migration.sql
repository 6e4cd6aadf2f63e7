-- Incident counts in the stats rollup (issues 4 and 5), and rollup triggers that cost one statement per batch.
--
-- An incident is counted while at least one of its events belongs to a processed ("done") article. It is dated by
-- its start (incidents.date_start) and counts once in the total and once under every region, type, actor, claim,
-- source and place that at least one of those events has. An event without an incident counts as an incident of
-- its own, dated by the event's day. The rollup holds these as facets 'i-events', 'i-region', 'i-type', ...
--
-- incident_facets is the bookkeeping behind that: per incident and facet key, how many counted events have it and
-- the day the incident is counted on. The rollup gains 1 when a key's count leaves 0 and loses 1 when it returns to 0.
CREATE TABLE "incident_facets" (
    "incident_key" UUID NOT NULL,
    "facet" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "events" INTEGER NOT NULL,
    CONSTRAINT "incident_facets_pkey" PRIMARY KEY ("incident_key", "facet", "key")
);

-- Every rollup writer takes this lock first (held to commit): writers touch the same hot rows (this month's totals)
-- anyway, and one order for all of them rules out deadlocks between the mention and incident updates.
CREATE FUNCTION frontline_stats_lock() RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(727140003)
$$;

CREATE OR REPLACE FUNCTION frontline_stats_apply(deltas JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF deltas IS NULL OR jsonb_array_length(deltas) = 0 THEN RETURN; END IF;
    PERFORM frontline_stats_lock();
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, CASE g.grain WHEN 'm' THEN date_trunc('month', d.day)::date ELSE d.day END, d.facet, d.key, sum(d.n)::int
    FROM jsonb_to_recordset(deltas) AS d(day DATE, facet TEXT, key TEXT, n INT)
    CROSS JOIN (VALUES ('d'), ('m')) AS g(grain)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.n) <> 0
    ORDER BY 1, 3, 2, 4
    ON CONFLICT ("grain", "facet", "day", "key") DO UPDATE SET "count" = "stats_rollup"."count" + EXCLUDED."count";
END
$$;

-- Adds (incident key, day, facet, key, n) rows to incident_facets and moves the rollup where a key starts or stops
-- counting. A key already counted keeps its stored day (the incidents trigger moves it when the start changes).
CREATE FUNCTION frontline_incident_facets_apply(deltas JSONB) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    changes JSONB;
BEGIN
    IF deltas IS NULL OR jsonb_array_length(deltas) = 0 THEN RETURN; END IF;
    PERFORM frontline_stats_lock();
    WITH d AS (
        SELECT x.ik, x.facet, x.key, min(x.day) AS day, sum(x.n)::int AS n
        FROM jsonb_to_recordset(deltas) AS x(ik UUID, day DATE, facet TEXT, key TEXT, n INT)
        GROUP BY 1, 2, 3
        HAVING sum(x.n) <> 0
    ), up AS (
        INSERT INTO "incident_facets" AS f ("incident_key", "facet", "key", "day", "events")
        SELECT ik, facet, key, day, n FROM d ORDER BY 1, 2, 3
        ON CONFLICT ("incident_key", "facet", "key") DO UPDATE SET "events" = f."events" + EXCLUDED."events"
        RETURNING f."incident_key", f."facet", f."key", f."day", f."events"
    )
    SELECT jsonb_agg(jsonb_build_object('day', up.day, 'facet', 'i-' || up.facet, 'key', up.key,
               'n', CASE WHEN up.events > 0 THEN 1 ELSE -1 END))
    INTO changes
    FROM up JOIN d ON d.ik = up.incident_key AND d.facet = up.facet AND d.key = up.key
    WHERE (up.events > 0) <> (up.events - d.n > 0);
    DELETE FROM "incident_facets" f
    USING (SELECT DISTINCT (x ->> 'ik')::uuid AS ik FROM jsonb_array_elements(deltas) x) k
    WHERE f."incident_key" = k.ik AND f."events" <= 0;
    PERFORM frontline_stats_apply(changes);
END
$$;

-- Both kinds of count for a set of events: rows of (day, ik, iday, region_code, type, actor1_id, actor2_id, claim,
-- source, place_name, lat, lon, n), where day is the event's day, ik its incident (or the event itself) and iday
-- the day that incident is counted on.
CREATE FUNCTION frontline_stats_apply_events(facts JSONB, extra JSONB DEFAULT '[]'::jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    mentions JSONB;
    incidents JSONB;
BEGIN
    WITH x AS (
        SELECT * FROM jsonb_to_recordset(COALESCE(facts, '[]'::jsonb)) AS x(day DATE, ik UUID, iday DATE, region_code TEXT,
            type TEXT, actor1_id TEXT, actor2_id TEXT, claim TEXT, source TEXT, place_name TEXT, lat DOUBLE PRECISION,
            lon DOUBLE PRECISION, n INT)
    ), f AS (
        SELECT x.day, x.ik, x.iday, x.n, f.facet, f.key FROM x
        CROSS JOIN LATERAL frontline_event_facets(x.region_code, x.type, x.actor1_id, x.actor2_id, x.claim, x.source,
            x.place_name, x.lat, x.lon) f
    )
    SELECT COALESCE(jsonb_agg(jsonb_build_object('day', day, 'facet', facet, 'key', key, 'n', n)), '[]'::jsonb),
           COALESCE(jsonb_agg(jsonb_build_object('ik', ik, 'day', iday, 'facet', facet, 'key', key, 'n', n)), '[]'::jsonb)
    INTO mentions, incidents
    FROM f;
    PERFORM frontline_stats_apply(mentions || COALESCE(extra, '[]'::jsonb));
    PERFORM frontline_incident_facets_apply(incidents);
END
$$;

-- The event facts of the events of the given articles ({id, published_at, received_at, source, n} rows: the article
-- values to count them with, and the sign), plus the articles' own facets.
CREATE FUNCTION frontline_stats_apply_articles(arts JSONB) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    facts JSONB;
    extra JSONB;
BEGIN
    IF arts IS NULL OR jsonb_array_length(arts) = 0 THEN RETURN; END IF;
    WITH a AS (
        SELECT x.id, COALESCE(x.published_at, (x.received_at AT TIME ZONE 'UTC')::date) AS day, x.published_at,
               x.received_at, x.source, x.n
        FROM jsonb_to_recordset(arts) AS x(id UUID, published_at DATE, received_at TIMESTAMPTZ, source TEXT, n INT)
    )
    SELECT
        (SELECT jsonb_agg(jsonb_build_object(
            'day', COALESCE(e.date, a.day), 'ik', COALESCE(e.incident_id, e.id),
            'iday', COALESCE(i.date_start, e.date, a.day), 'region_code', e.region_code, 'type', e.type,
            'actor1_id', e.actor1_id, 'actor2_id', e.actor2_id, 'claim', e.claim_status::text, 'source', a.source,
            'place_name', e.place_name, 'lat', e.lat, 'lon', e.lon, 'n', a.n))
         FROM a JOIN "events" e ON e.article_id = a.id LEFT JOIN "incidents" i ON i.id = e.incident_id),
        (SELECT jsonb_agg(jsonb_build_object('day', y.day, 'facet', y.facet, 'key', y.key, 'n', y.n)) FROM (
            SELECT a.day, f.facet, f.key, a.n
            FROM a CROSS JOIN LATERAL (VALUES ('articles', ''), ('article-source', a.source)) AS f(facet, key)
            WHERE f.key IS NOT NULL
            UNION ALL
            SELECT a.day, 'article-region', r.region_code, a.n FROM a JOIN "article_regions" r ON r.article_id = a.id
            UNION ALL
            SELECT a.day, 'article-actor', r.actor_id, a.n FROM a JOIN "article_actors" r ON r.article_id = a.id
        ) y)
    INTO facts, extra;
    PERFORM frontline_stats_apply_events(facts, extra);
END
$$;

-- articles: one statement-level trigger per statement kind, so flipping a batch of articles to 'done' is one
-- grouped update. An article counts while its status is 'done'; entering or leaving 'done', or changing a value
-- the rollup depends on while done, moves its contributions.
DROP TRIGGER "stats_rollup_articles_change" ON "articles";
DROP TRIGGER "stats_rollup_articles_delete" ON "articles";
DROP FUNCTION frontline_stats_articles_trigger();
DROP FUNCTION frontline_article_deltas(UUID, DATE, TIMESTAMPTZ, TEXT, INT);

CREATE FUNCTION frontline_stats_articles_insert_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM frontline_stats_apply_articles((
        SELECT jsonb_agg(jsonb_build_object('id', id, 'published_at', published_at, 'received_at', received_at,
            'source', source, 'n', 1))
        FROM new_rows WHERE status = 'done'));
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_rollup_articles_insert" AFTER INSERT ON "articles"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_articles_insert_trigger();

CREATE FUNCTION frontline_stats_articles_update_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM frontline_stats_apply_articles((
        SELECT jsonb_agg(x) FROM (
            SELECT jsonb_build_object('id', o.id, 'published_at', o.published_at, 'received_at', o.received_at,
                'source', o.source, 'n', -1) AS x
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.status = 'done' AND (n.status <> 'done' OR n.published_at IS DISTINCT FROM o.published_at
                OR n.received_at IS DISTINCT FROM o.received_at OR n.source IS DISTINCT FROM o.source)
            UNION ALL
            SELECT jsonb_build_object('id', n.id, 'published_at', n.published_at, 'received_at', n.received_at,
                'source', n.source, 'n', 1)
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE n.status = 'done' AND (o.status <> 'done' OR n.published_at IS DISTINCT FROM o.published_at
                OR n.received_at IS DISTINCT FROM o.received_at OR n.source IS DISTINCT FROM o.source)
        ) y));
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_rollup_articles_update" AFTER UPDATE ON "articles"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_articles_update_trigger();

-- BEFORE DELETE, per row, so the article's events are still there to subtract (deleting articles is rare).
CREATE FUNCTION frontline_stats_articles_delete_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'done' THEN
        PERFORM frontline_stats_apply_articles(jsonb_build_array(jsonb_build_object('id', OLD.id,
            'published_at', OLD.published_at, 'received_at', OLD.received_at, 'source', OLD.source, 'n', -1)));
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER "stats_rollup_articles_delete" BEFORE DELETE ON "articles"
    FOR EACH ROW EXECUTE FUNCTION frontline_stats_articles_delete_trigger();

-- events: rows inserted or deleted while their article is done (processing writes them while it is not).
DROP TRIGGER "stats_rollup_events_insert" ON "events";
DROP TRIGGER "stats_rollup_events_delete" ON "events";
DROP TRIGGER "stats_rollup_events_update" ON "events";
DROP FUNCTION frontline_stats_events_trigger();
DROP FUNCTION frontline_stats_events_update_trigger();

-- The facts of a set of event rows, counted with sign n, for those whose article is done.
CREATE FUNCTION frontline_event_facts(rows JSONB, n INT) RETURNS JSONB LANGUAGE sql STABLE AS $$
    SELECT jsonb_agg(jsonb_build_object(
        'day', COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date),
        'ik', COALESCE(e.incident_id, e.id),
        'iday', COALESCE(i.date_start, e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date),
        'region_code', e.region_code, 'type', e.type, 'actor1_id', e.actor1_id, 'actor2_id', e.actor2_id,
        'claim', e.claim_status, 'source', a.source, 'place_name', e.place_name, 'lat', e.lat, 'lon', e.lon, 'n', n))
    FROM jsonb_populate_recordset(NULL::"events", rows) e
    JOIN "articles" a ON a.id = e.article_id AND a.status = 'done'
    LEFT JOIN "incidents" i ON i.id = e.incident_id
$$;

CREATE FUNCTION frontline_stats_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM frontline_stats_apply_events(frontline_event_facts((SELECT jsonb_agg(to_jsonb(r)) FROM new_rows r), 1));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM frontline_stats_apply_events(frontline_event_facts((SELECT jsonb_agg(to_jsonb(r)) FROM old_rows r), -1));
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
CREATE TRIGGER "stats_rollup_events_insert" AFTER INSERT ON "events"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_events_trigger();
CREATE TRIGGER "stats_rollup_events_delete" AFTER DELETE ON "events"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_events_trigger();
CREATE TRIGGER "stats_rollup_events_update" AFTER UPDATE ON "events"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_events_trigger();

-- incidents: a new start date moves every key the incident counts under to that day.
CREATE FUNCTION frontline_stats_incidents_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM frontline_stats_apply((
        SELECT jsonb_agg(x) FROM (
            SELECT jsonb_build_object('day', f.day, 'facet', 'i-' || f.facet, 'key', f.key, 'n', -1) AS x
            FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN "incident_facets" f ON f.incident_key = n.id
            WHERE n.date_start IS NOT NULL AND n.date_start IS DISTINCT FROM f.day
            UNION ALL
            SELECT jsonb_build_object('day', n.date_start, 'facet', 'i-' || f.facet, 'key', f.key, 'n', 1)
            FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN "incident_facets" f ON f.incident_key = n.id
            WHERE n.date_start IS NOT NULL AND n.date_start IS DISTINCT FROM f.day
        ) y));
    UPDATE "incident_facets" f SET "day" = n.date_start
    FROM new_rows n WHERE f.incident_key = n.id AND n.date_start IS NOT NULL AND n.date_start IS DISTINCT FROM f.day;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_rollup_incidents_update" AFTER UPDATE ON "incidents"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_incidents_trigger();

-- Recomputes the rollup and incident_facets from the source tables (after a bulk load with triggers off, or to check).
CREATE OR REPLACE FUNCTION frontline_rebuild_stats_rollup() RETURNS void LANGUAGE sql AS $$
    SELECT frontline_stats_lock();
    DELETE FROM "stats_rollup";
    DELETE FROM "incident_facets";
    INSERT INTO "incident_facets" ("incident_key", "facet", "key", "day", "events")
    SELECT COALESCE(e.incident_id, e.id),
           f.facet, f.key,
           min(COALESCE(i.date_start, e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date)),
           count(*)::int
    FROM "events" e JOIN "articles" a ON a.id = e.article_id AND a.status = 'done'
    LEFT JOIN "incidents" i ON i.id = e.incident_id
    CROSS JOIN LATERAL frontline_event_facets(e.region_code, e.type, e.actor1_id, e.actor2_id,
        e.claim_status::text, a.source, e.place_name, e.lat, e.lon) f
    GROUP BY 1, 2, 3;
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, CASE g.grain WHEN 'm' THEN date_trunc('month', x.day)::date ELSE x.day END, x.facet, x.key, count(*)::int
    FROM (
        SELECT COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) AS day, f.facet, f.key
        FROM "events" e JOIN "articles" a ON a.id = e.article_id AND a.status = 'done'
        CROSS JOIN LATERAL frontline_event_facets(e.region_code, e.type, e.actor1_id, e.actor2_id,
            e.claim_status::text, a.source, e.place_name, e.lat, e.lon) f
        UNION ALL
        SELECT day, 'i-' || facet, key FROM "incident_facets"
        UNION ALL
        SELECT COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date), f.facet, f.key
        FROM "articles" a CROSS JOIN LATERAL (VALUES ('articles', ''), ('article-source', a.source)) AS f(facet, key)
        WHERE a.status = 'done' AND f.key IS NOT NULL
        UNION ALL
        SELECT COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date), 'article-region', r.region_code
        FROM "article_regions" r JOIN "articles" a ON a.id = r.article_id AND a.status = 'done'
        UNION ALL
        SELECT COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date), 'article-actor', r.actor_id
        FROM "article_actors" r JOIN "articles" a ON a.id = r.article_id AND a.status = 'done'
    ) x CROSS JOIN (VALUES ('d'), ('m')) AS g(grain)
    GROUP BY 1, 2, 3, 4
$$;

SELECT frontline_rebuild_stats_rollup();
