// The choropleth: regions coloured by event count, places with coordinates as points. Rendered on the server
// with d3-geo from the bundled Natural Earth boundaries (lib/geo), so it needs no tiles, no network and no
// script: every region is a link that filters the dashboard by it (click or keyboard), with its count in a
// <title>; the client script only adds a hover read-out. A table beside it (By region) carries the same numbers.
import { regionByCode, type StatsResponse } from "@frontline/model";
import { geoConicConformal, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import regionsTopo from "../lib/geo/regions.topo.json" with { type: "json" };
import { type CountUnit, countOf } from "../lib/count-unit.ts";
import { MapHover } from "./map-hover.tsx";

const WIDTH = 800;
const HEIGHT = 560;
const CLASSES = 5;

type RegionFeature = Feature<Geometry, { name: string }> & { id: string };

const topo = regionsTopo as unknown as Topology<{ regions: GeometryCollection<{ name: string }> }>;
const collection = feature(topo, topo.objects.regions) as FeatureCollection<Geometry, { name: string }>;
const features = collection.features as RegionFeature[];

// Framed on Ukraine and the Russian regions along the front and up to Moscow (22–46°E, 43.5–56.5°N); regions
// outside the frame that have events are listed below the map.
const FRAME = {
  type: "MultiPoint" as const,
  coordinates: [
    [22, 43.5],
    [46, 43.5],
    [22, 56.5],
    [46, 56.5],
    [34, 56.8],
  ],
};
const projection = geoConicConformal().parallels([45, 55]).rotate([-34, 0]).fitSize([WIDTH, HEIGHT], FRAME);
const path = geoPath(projection);
const shapes = features.map((f) => ({ code: f.id, name: f.properties.name, d: path(f) ?? "" }));
const inFrame = (code: string) => {
  const region = regionByCode(code);
  if (!region) return true;
  const [x, y] = projection([region.lon, region.lat]) ?? [-1, -1];
  return x >= 0 && x <= WIDTH && y >= 0 && y <= HEIGHT;
};

/** Class 1..5 by share of the largest count (square-root steps, so small counts stay visible); 0 = none. */
function classOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(CLASSES, Math.max(1, Math.ceil(Math.sqrt(count / max) * CLASSES)));
}

/** The counts each class stands for (classes no whole count falls in are left out). */
function legendSteps(max: number): { cls: number; label: string }[] {
  const steps: { cls: number; label: string }[] = [];
  for (let cls = 1; cls <= CLASSES; cls++) {
    const lo = Math.floor(max * ((cls - 1) / CLASSES) ** 2) + 1;
    const hi = Math.floor(max * (cls / CLASSES) ** 2);
    if (lo <= hi) steps.push({ cls, label: lo === hi ? `${hi}` : `${lo}–${hi}` });
  }
  return steps;
}

export function RegionMap({
  stats,
  selected,
  hrefFor,
  unit,
}: {
  stats: StatsResponse;
  unit: CountUnit;
  selected?: string;
  /** The dashboard's URL with the region filter set to this code (or cleared when it is the selected one). */
  hrefFor: (code: string | null) => string;
}) {
  const counts = new Map(stats.byRegion.map((r) => [r.code, r.events]));
  const max = Math.max(0, ...counts.values());
  const places = (stats.places ?? []).slice(0, 300);
  const maxPlace = Math.max(1, ...places.map((p) => p.events));
  const offMap = stats.byRegion.filter(
    (r) => r.events > 0 && !shapes.some((s) => s.code === r.code && inFrame(r.code)),
  );

  return (
    <section className="card" aria-labelledby="map-heading" data-testid="region-map">
      <h2 id="map-heading">Map</h2>
      <p className="muted">
        {unit.heading} by region{selected ? "" : "; select a region to filter every view by it"}. Dots are named places.
      </p>
      <MapHover>
        <svg className="region-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
          <title>{`Map of ${unit.many} by region; each region is a link that filters by it`}</title>
          {shapes.map((shape) => {
            const taxonomy = regionByCode(shape.code);
            const count = counts.get(shape.code) ?? 0;
            if (!taxonomy) return <path key={shape.code} d={shape.d} className="context" />;
            const cls = classOf(count, max);
            const isSelected = selected === shape.code;
            const label = `${taxonomy.name}: ${countOf(count, unit)}`;
            return (
              <a
                key={shape.code}
                href={hrefFor(isSelected ? null : shape.code)}
                className={isSelected ? "selected" : undefined}
                data-code={shape.code}
                data-label={label}
                aria-label={`${label}${isSelected ? " (selected; activate to clear)" : ""}`}
              >
                <title>{label}</title>
                <path d={shape.d} fill={cls === 0 ? "var(--map-empty)" : `var(--map-${cls})`} />
              </a>
            );
          })}
          {places.map((place) => {
            const xy = projection([place.lon, place.lat]);
            if (!xy) return null;
            const r = 2 + 7 * Math.sqrt(place.events / maxPlace);
            return (
              <circle key={`${place.name}-${place.lat}-${place.lon}`} cx={xy[0]} cy={xy[1]} r={r}>
                <title>{`${place.name}: ${countOf(place.events, unit)}`}</title>
              </circle>
            );
          })}
        </svg>
      </MapHover>
      <ul className="legend" aria-label="Legend">
        <li>
          <span className="swatch" style={{ background: "var(--map-empty)" }} />
          none
        </li>
        {max > 0 &&
          legendSteps(max).map((step) => (
            <li key={step.cls}>
              <span className="swatch" style={{ background: `var(--map-${step.cls})` }} />
              {step.label}
            </li>
          ))}
      </ul>
      {places.length > 0 && (
        <details>
          <summary>Places on the map ({places.length})</summary>
          <ul>
            {places.slice(0, 50).map((p) => (
              <li key={`${p.name}-${p.lat}-${p.lon}`}>
                {p.name}
                {p.regionCode && ` (${regionByCode(p.regionCode)?.name ?? p.regionCode})`}: {p.events}
              </li>
            ))}
          </ul>
        </details>
      )}
      {offMap.length > 0 && (
        <p className="muted">
          Outside the map:{" "}
          {offMap.map((r, i) => (
            <span key={r.code}>
              {i > 0 && ", "}
              <a href={hrefFor(r.code)}>{r.name}</a> ({r.events})
            </span>
          ))}
        </p>
      )}
      <p className="muted" style={{ fontSize: "0.8rem" }}>
        Boundaries: Natural Earth (public domain), simplified. Crimea and Sevastopol are shown as Ukrainian regions (ISO
        3166-2).
      </p>
    </section>
  );
}
