-- Faster stats reads (issue 5): a yearly grain, so an open or multi-year window reads a few rows per key, and an
-- index led by (grain, day), so a window's rows are one range of the index instead of a scan of its whole grain
-- (the primary key starts with facet, which the window query does not fix). The count is included, so the read is
-- an index-only scan where the visibility map allows.
CREATE INDEX "stats_rollup_grain_day_idx" ON "stats_rollup" ("grain", "day", "facet", "key") INCLUDE ("count");

-- grain 'y': the first day of the year in "day".
CREATE OR REPLACE FUNCTION frontline_stats_apply(deltas JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF deltas IS NULL OR jsonb_array_length(deltas) = 0 THEN RETURN; END IF;
    PERFORM frontline_stats_lock();
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, CASE g.grain WHEN 'd' THEN d.day ELSE date_trunc(g.unit, d.day)::date END, d.facet, d.key, sum(d.n)::int
    FROM jsonb_to_recordset(deltas) AS d(day DATE, facet TEXT, key TEXT, n INT)
    CROSS JOIN (VALUES ('d', 'day'), ('m', 'month'), ('y', 'year')) AS g(grain, unit)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.n) <> 0
    ORDER BY 1, 3, 2, 4
    ON CONFLICT ("grain", "facet", "day", "key") DO UPDATE SET "count" = "stats_rollup"."count" + EXCLUDED."count";
END
$$;

-- The yearly rows are the monthly rows summed; the rebuild derives them the same way.
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
    SELECT 'd', x.day, x.facet, x.key, count(*)::int
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
    ) x
    GROUP BY 2, 3, 4;
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, date_trunc(g.unit, r.day)::date, r.facet, r.key, sum(r.count)::int
    FROM "stats_rollup" r CROSS JOIN (VALUES ('m', 'month'), ('y', 'year')) AS g(grain, unit)
    WHERE r.grain = 'd'
    GROUP BY 1, 2, 3, 4;
$$;

SELECT frontline_rebuild_stats_rollup();
