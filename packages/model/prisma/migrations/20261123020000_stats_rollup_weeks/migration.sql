-- A weekly grain for the time series (issue 5): grain 'w' (ISO weeks, dated by their Monday) holds only the event
-- type facets ('type', 'i-type'), which is all the weekly series reads, so a long window's series is one row per
-- week and type instead of one per day and type.
CREATE OR REPLACE FUNCTION frontline_stats_apply(deltas JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF deltas IS NULL OR jsonb_array_length(deltas) = 0 THEN RETURN; END IF;
    PERFORM frontline_stats_lock();
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT g.grain, CASE g.grain WHEN 'd' THEN d.day ELSE date_trunc(g.unit, d.day)::date END, d.facet, d.key, sum(d.n)::int
    FROM jsonb_to_recordset(deltas) AS d(day DATE, facet TEXT, key TEXT, n INT)
    CROSS JOIN (VALUES ('d', 'day'), ('w', 'week'), ('m', 'month'), ('y', 'year')) AS g(grain, unit)
    WHERE g.grain <> 'w' OR d.facet IN ('type', 'i-type')
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.n) <> 0
    ORDER BY 1, 3, 2, 4
    ON CONFLICT ("grain", "facet", "day", "key") DO UPDATE SET "count" = "stats_rollup"."count" + EXCLUDED."count";
END
$$;

-- The rebuild (20261123010000) derives months and years from the days; weeks the same way, afterwards.
CREATE FUNCTION frontline_rebuild_stats_rollup_weeks() RETURNS void LANGUAGE sql AS $$
    DELETE FROM "stats_rollup" WHERE grain = 'w';
    INSERT INTO "stats_rollup" ("grain", "day", "facet", "key", "count")
    SELECT 'w', date_trunc('week', day)::date, facet, key, sum(count)::int
    FROM "stats_rollup" WHERE grain = 'd' AND facet IN ('type', 'i-type')
    GROUP BY 2, 3, 4;
$$;

ALTER FUNCTION frontline_rebuild_stats_rollup() RENAME TO frontline_rebuild_stats_rollup_base;
CREATE FUNCTION frontline_rebuild_stats_rollup() RETURNS void LANGUAGE sql AS $$
    SELECT frontline_rebuild_stats_rollup_base();
    SELECT frontline_rebuild_stats_rollup_weeks();
$$;

SELECT frontline_rebuild_stats_rollup_weeks();
