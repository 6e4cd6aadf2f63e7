-- Rolled-up counts for the dashboard and GET /api/stats (issue 5): per day and per month, per facet and key,
-- how many events (or articles) of *processed* articles there are. Triggers keep it in step with events,
-- article_regions, article_actors and articles (status, dates, source), so no writer has to know it exists.
--
-- grain: 'd' (day) or 'm' (month: the first day of the month in "day").
-- facet/key: 'events'/'' (total events), 'region'/code, 'type'/id, 'actor'/id (an event counts once per
-- distinct actor), 'claim'/status, 'source'/article source, 'place'/"name|region|lat|lon",
-- 'articles'/'' (total articles), 'article-region'/code, 'article-actor'/id, 'article-source'/source.
-- An event's day is its own date, else its article's published_at, else the UTC date the article was received;
-- an article's day is its published_at, else its received date (the rule the README documents).
CREATE TABLE "stats_rollup" (
    "grain" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "facet" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "stats_rollup_pkey" PRIMARY KEY ("grain", "facet", "day", "key")
);

-- The facets one event contributes to, given its fields and its article's source.
CREATE FUNCTION frontline_event_facets(
    region_code TEXT, type TEXT, actor1_id TEXT, actor2_id TEXT, claim_status TEXT, source TEXT,
    place_name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION
) RETURNS TABLE (facet TEXT, key TEXT) LANGUAGE sql IMMUTABLE AS $$
    SELECT f.facet, f.key FROM (VALUES
        ('events', ''),
        ('region', region_code),
        ('type', type),
        ('actor', actor1_id),
        ('actor', CASE WHEN actor2_id IS DISTINCT FROM actor1_id THEN actor2_id END),
        ('claim', claim_status),
        ('source', source),
        ('place', CASE WHEN place_name IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL
                       THEN place_name || '|' || COALESCE(region_code, '') || '|' || round(lat::numeric, 4)::text
                            || '|' || round(lon::numeric, 4)::text END)
    ) AS f(facet, key)
    WHERE f.key IS NOT NULL
$$;

-- Adds rows of (day, facet, key, n) to both grains. Sorted so concurrent writers lock rows in the same order.
CREATE FUNCTION frontline_stats_apply(deltas JSONB) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, CASE g.grain WHEN 'm' THEN date_trunc('month', d.day)::date ELSE d.day END, d.facet, d.key, sum(d.n)::int
    FROM jsonb_to_recordset(deltas) AS d(day DATE, facet TEXT, key TEXT, n INT)
    CROSS JOIN (VALUES ('d'), ('m')) AS g(grain)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.n) <> 0
    ORDER BY 1, 3, 2, 4
    ON CONFLICT ("grain", "facet", "day", "key") DO UPDATE SET "count" = "stats_rollup"."count" + EXCLUDED."count"
$$;

-- Everything one article contributes (its events and its article-level facets), with the given sign, computed
-- from the given article values (OLD or NEW in the articles trigger).
CREATE FUNCTION frontline_article_deltas(
    article_id UUID, published_at DATE, received_at TIMESTAMPTZ, source TEXT, sign INT
) RETURNS JSONB LANGUAGE sql STABLE AS $$
    SELECT COALESCE(jsonb_agg(jsonb_build_object('day', x.day, 'facet', x.facet, 'key', x.key, 'n', x.n)), '[]'::jsonb)
    FROM (
        SELECT COALESCE(e.date, published_at, (received_at AT TIME ZONE 'UTC')::date) AS day, f.facet, f.key, sign AS n
        FROM "events" e
        CROSS JOIN LATERAL frontline_event_facets(e.region_code, e.type, e.actor1_id, e.actor2_id,
            e.claim_status::text, source, e.place_name, e.lat, e.lon) f
        WHERE e.article_id = frontline_article_deltas.article_id
        UNION ALL
        SELECT COALESCE(published_at, (received_at AT TIME ZONE 'UTC')::date), f.facet, f.key, sign
        FROM (VALUES ('articles', ''), ('article-source', source)) AS f(facet, key)
        WHERE f.key IS NOT NULL
        UNION ALL
        SELECT COALESCE(published_at, (received_at AT TIME ZONE 'UTC')::date), 'article-region', r.region_code, sign
        FROM "article_regions" r WHERE r.article_id = frontline_article_deltas.article_id
        UNION ALL
        SELECT COALESCE(published_at, (received_at AT TIME ZONE 'UTC')::date), 'article-actor', a.actor_id, sign
        FROM "article_actors" a WHERE a.article_id = frontline_article_deltas.article_id
    ) x
$$;

-- articles: an article counts while its status is 'done'. Entering or leaving 'done', or changing a value the
-- rollup depends on while done, moves its contributions. BEFORE DELETE, so its events are still there.
CREATE FUNCTION frontline_stats_articles_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'done' AND (TG_OP = 'DELETE' OR NEW.status <> 'done'
        OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.received_at IS DISTINCT FROM OLD.received_at
        OR NEW.source IS DISTINCT FROM OLD.source) THEN
        PERFORM frontline_stats_apply(frontline_article_deltas(OLD.id, OLD.published_at, OLD.received_at, OLD.source, -1));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'done' AND (TG_OP = 'INSERT' OR OLD.status <> 'done'
        OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.received_at IS DISTINCT FROM OLD.received_at
        OR NEW.source IS DISTINCT FROM OLD.source) THEN
        PERFORM frontline_stats_apply(frontline_article_deltas(NEW.id, NEW.published_at, NEW.received_at, NEW.source, 1));
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER "stats_rollup_articles_change" AFTER INSERT OR UPDATE ON "articles"
    FOR EACH ROW EXECUTE FUNCTION frontline_stats_articles_trigger();
CREATE TRIGGER "stats_rollup_articles_delete" BEFORE DELETE ON "articles"
    FOR EACH ROW EXECUTE FUNCTION frontline_stats_articles_trigger();

-- events: rows inserted or deleted while their article is done (re-processing deletes them while it is not).
-- Statement-level with transition tables, so a bulk insert is one grouped upsert.
CREATE FUNCTION frontline_stats_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign INT := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
    deltas JSONB;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(jsonb_build_object('day', x.day, 'facet', x.facet, 'key', x.key, 'n', sign)) INTO deltas
        FROM (SELECT COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) AS day, f.facet, f.key
              FROM changed_rows e JOIN "articles" a ON a.id = e.article_id AND a.status = 'done'
              CROSS JOIN LATERAL frontline_event_facets(e.region_code, e.type, e.actor1_id, e.actor2_id,
                  e.claim_status::text, a.source, e.place_name, e.lat, e.lon) f) x;
    ELSE
        SELECT jsonb_agg(jsonb_build_object('day', x.day, 'facet', x.facet, 'key', x.key, 'n', sign)) INTO deltas
        FROM (SELECT COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) AS day, f.facet, f.key
              FROM old_rows e JOIN "articles" a ON a.id = e.article_id AND a.status = 'done'
              CROSS JOIN LATERAL frontline_event_facets(e.region_code, e.type, e.actor1_id, e.actor2_id,
                  e.claim_status::text, a.source, e.place_name, e.lat, e.lon) f) x;
    END IF;
    IF deltas IS NOT NULL THEN PERFORM frontline_stats_apply(deltas); END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_rollup_events_insert" AFTER INSERT ON "events"
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_events_trigger();
CREATE TRIGGER "stats_rollup_events_delete" AFTER DELETE ON "events"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_events_trigger();
-- An event updated in place (the incident linker sets incident_id) only matters if a counted field changed.
CREATE FUNCTION frontline_stats_events_update_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.date, OLD.region_code, OLD.type, OLD.actor1_id, OLD.actor2_id, OLD.claim_status, OLD.place_name, OLD.lat, OLD.lon,
        OLD.article_id)
       IS DISTINCT FROM
       (NEW.date, NEW.region_code, NEW.type, NEW.actor1_id, NEW.actor2_id, NEW.claim_status, NEW.place_name, NEW.lat, NEW.lon,
        NEW.article_id) THEN
        PERFORM frontline_stats_apply(COALESCE((
            SELECT jsonb_agg(jsonb_build_object('day', x.day, 'facet', x.facet, 'key', x.key, 'n', x.n))
            FROM (
                SELECT COALESCE(OLD.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) AS day, f.facet, f.key, -1 AS n
                FROM "articles" a CROSS JOIN LATERAL frontline_event_facets(OLD.region_code, OLD.type, OLD.actor1_id,
                    OLD.actor2_id, OLD.claim_status::text, a.source, OLD.place_name, OLD.lat, OLD.lon) f
                WHERE a.id = OLD.article_id AND a.status = 'done'
                UNION ALL
                SELECT COALESCE(NEW.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date), f.facet, f.key, 1
                FROM "articles" a CROSS JOIN LATERAL frontline_event_facets(NEW.region_code, NEW.type, NEW.actor1_id,
                    NEW.actor2_id, NEW.claim_status::text, a.source, NEW.place_name, NEW.lat, NEW.lon) f
                WHERE a.id = NEW.article_id AND a.status = 'done'
            ) x), '[]'::jsonb));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_rollup_events_update" AFTER UPDATE ON "events"
    FOR EACH ROW EXECUTE FUNCTION frontline_stats_events_update_trigger();

-- article_regions / article_actors: rows written or removed while their article is done.
CREATE FUNCTION frontline_stats_mentions_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign INT := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
    facet TEXT := CASE TG_TABLE_NAME WHEN 'article_regions' THEN 'article-region' ELSE 'article-actor' END;
    deltas JSONB;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_agg(jsonb_build_object('day', COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date),
               'facet', facet, 'key', to_jsonb(r) ->> CASE facet WHEN 'article-region' THEN 'region_code' ELSE 'actor_id' END,
               'n', sign)) INTO deltas
        FROM changed_rows r JOIN "articles" a ON a.id = r.article_id AND a.status = 'done';
    ELSE
        SELECT jsonb_agg(jsonb_build_object('day', COALESCE(a.published_at, (a.received_at AT TIME ZONE 'UTC')::date),
               'facet', facet, 'key', to_jsonb(r) ->> CASE facet WHEN 'article-region' THEN 'region_code' ELSE 'actor_id' END,
               'n', sign)) INTO deltas
        FROM old_rows r JOIN "articles" a ON a.id = r.article_id AND a.status = 'done';
    END IF;
    IF deltas IS NOT NULL THEN PERFORM frontline_stats_apply(deltas); END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER "stats_rollup_article_regions_insert" AFTER INSERT ON "article_regions"
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_mentions_trigger();
CREATE TRIGGER "stats_rollup_article_regions_delete" AFTER DELETE ON "article_regions"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_mentions_trigger();
CREATE TRIGGER "stats_rollup_article_actors_insert" AFTER INSERT ON "article_actors"
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_mentions_trigger();
CREATE TRIGGER "stats_rollup_article_actors_delete" AFTER DELETE ON "article_actors"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION frontline_stats_mentions_trigger();

-- Recomputes the whole rollup from the source tables (after a bulk load with triggers disabled, or to check it).
CREATE FUNCTION frontline_rebuild_stats_rollup() RETURNS void LANGUAGE sql AS $$
    DELETE FROM "stats_rollup";
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, CASE g.grain WHEN 'm' THEN date_trunc('month', x.day)::date ELSE x.day END, x.facet, x.key, count(*)::int
    FROM (
        SELECT COALESCE(e.date, a.published_at, (a.received_at AT TIME ZONE 'UTC')::date) AS day, f.facet, f.key
        FROM "events" e JOIN "articles" a ON a.id = e.article_id AND a.status = 'done'
        CROSS JOIN LATERAL frontline_event_facets(e.region_code, e.type, e.actor1_id, e.actor2_id,
            e.claim_status::text, a.source, e.place_name, e.lat, e.lon) f
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

-- Existing data (the migration may run on a populated database).
SELECT frontline_rebuild_stats_rollup();
