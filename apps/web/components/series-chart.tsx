"use client";
// Incidents or mentions over time, stacked by event type (the six largest types; the rest as "Other"). The chart is hidden from
// assistive technology: the table under it (in a disclosure) carries the same numbers as text.
import type { CountUnit } from "../lib/count-unit.ts";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface SeriesPoint {
  date: string;
  type: string;
  events: number;
}

const COLOURS = ["#1f5fbf", "#c2661a", "#2e8b57", "#8e44ad", "#b8860b", "#c0392b", "#7f8c8d"];
const TOP = 6;

export function SeriesChart({
  points,
  labels,
  bucket,
  unit,
}: {
  points: SeriesPoint[];
  labels: Record<string, string>;
  bucket: "day" | "week";
  unit: CountUnit;
}) {
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.type, (totals.get(p.type) ?? 0) + p.events);
  const top = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([type]) => type);
  const keys = totals.size > top.length ? [...top, "other"] : top;
  const rows = new Map<string, Record<string, number | string>>();
  for (const p of points) {
    const row = rows.get(p.date) ?? { date: p.date };
    const key = top.includes(p.type) ? p.type : "other";
    row[key] = ((row[key] as number | undefined) ?? 0) + p.events;
    rows.set(p.date, row);
  }
  const data = [...rows.values()].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const name = (key: string) => (key === "other" ? "Other" : (labels[key] ?? key));

  return (
    <>
      <div className="chart" aria-hidden="true" style={{ height: 280 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--grid)" />
            <XAxis dataKey="date" stroke="var(--muted)" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis allowDecimals={false} stroke="var(--muted)" width={40} />
            <Tooltip cursor={{ fill: "var(--hover)" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {keys.map((key, i) => (
              <Bar
                key={key}
                dataKey={key}
                name={name(key)}
                stackId="t"
                fill={COLOURS[i % COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>
          {unit.heading} per {bucket} as a table
        </summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {unit.heading} per {bucket} by event type
            </caption>
            <thead>
              <tr>
                <th scope="col">{bucket === "week" ? "Week of" : "Day"}</th>
                {keys.map((key) => (
                  <th scope="col" className="num" key={key}>
                    {name(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={String(row.date)}>
                  <th scope="row">{String(row.date)}</th>
                  {keys.map((key) => (
                    <td className="num" key={key}>
                      {(row[key] as number | undefined) ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
