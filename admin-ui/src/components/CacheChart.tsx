import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatMinute } from "../format.ts";
import type { CacheMinute } from "../operations.ts";
import { cacheTexts } from "../texts.ts";

const colours = { hits: "#2f6f4e", misses: "#d08a2e", sheetsReads: "#1f5a99", grid: "#ece8e0", axis: "#6a6f76" };

/**
 * The last hour minute by minute: lookups as stacked bars (hits and misses) on the left axis, Sheets reads as a
 * line on the right one (a handful an hour against hundreds of lookups would vanish on a shared axis).
 */
export function CacheChart({ series }: { series: CacheMinute[] }) {
  const rows = series.map((m) => ({ ...m, label: formatMinute(m.minute) }));
  const totals = series.reduce((t, m) => ({ hits: t.hits + m.hits, misses: t.misses + m.misses, reads: t.reads + m.sheetsReads }), {
    hits: 0,
    misses: 0,
    reads: 0,
  });
  const summary = `${cacheTexts.chartHits}: ${formatCount(totals.hits)}, ${cacheTexts.chartMisses}: ${formatCount(totals.misses)}, ${cacheTexts.chartSheetsReads}: ${formatCount(totals.reads)}`;

  return (
    <figure className="cache-chart" data-testid="cache-chart">
      <figcaption>
        <h3>{cacheTexts.chart}</h3>
        <span className="muted small-inline">{summary}</span>
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: -12 }}>
          <CartesianGrid stroke={colours.grid} vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: colours.axis }} minTickGap={24} tickLine={false} />
          <YAxis yAxisId="lookups" allowDecimals={false} tick={{ fontSize: 12, fill: colours.axis }} tickLine={false} axisLine={false} />
          <YAxis
            yAxisId="reads"
            orientation="right"
            allowDecimals={false}
            tick={{ fontSize: 12, fill: colours.sheetsReads }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip formatter={(value) => formatCount(Number(value))} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar yAxisId="lookups" dataKey="hits" name={cacheTexts.chartHits} stackId="lookups" fill={colours.hits} isAnimationActive={false} />
          <Bar yAxisId="lookups" dataKey="misses" name={cacheTexts.chartMisses} stackId="lookups" fill={colours.misses} isAnimationActive={false} />
          <Line
            yAxisId="reads"
            dataKey="sheetsReads"
            name={cacheTexts.chartSheetsReads}
            type="stepAfter"
            stroke={colours.sheetsReads}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
