"use client";
// A horizontal bar chart of counts per label. Decorative for assistive technology: the table beside it
// carries the same numbers as text.
import type { CountUnit } from "../lib/count-unit.ts";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface CountChartRow {
  label: string;
  events: number;
  articles?: number;
}

const ROW_HEIGHT = 30;

export function CountChart({
  rows,
  showArticles,
  unit,
}: {
  rows: CountChartRow[];
  showArticles: boolean;
  unit: CountUnit;
}) {
  const height = Math.max(140, rows.length * ROW_HEIGHT * (showArticles ? 1.4 : 1) + 60);
  return (
    <div className="chart" aria-hidden="true" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" allowDecimals={false} stroke="var(--muted)" />
          <YAxis type="category" dataKey="label" width="auto" stroke="var(--muted)" tick={{ fontSize: 12 }} />
          <Tooltip cursor={{ fill: "var(--hover)" }} />
          <Legend />
          <Bar dataKey="events" name={unit.heading} fill="var(--series-events)" isAnimationActive={false} />
          {showArticles && (
            <Bar dataKey="articles" name="Articles" fill="var(--series-articles)" isAnimationActive={false} />
          )}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
