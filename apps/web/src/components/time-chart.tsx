import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** dashed line (e.g. a plan against actuals) */
  dash?: boolean;
  /** drawn against the right-hand axis (percentages) */
  percent?: boolean;
}

const PALETTE = ['#4fb3ff', '#3ccf91', '#ffb547', '#ff6b6b', '#c792ea', '#c7e36b', '#7fdbca', '#f78c6c'];
export const seriesColor = (index: number) => PALETTE[index % PALETTE.length];

/**
 * A time-series line chart (uPlot: canvas, ~50 kB, made for time series). `x` is in seconds
 * since the epoch. The chart resizes with its container; its summary is given to screen readers.
 */
export function TimeChart({
  x,
  series: allSeries,
  height = 280,
  label,
}: {
  x: number[];
  series: ChartSeries[];
  height?: number;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // a series with no point at all only clutters the legend
    const series = allSeries.filter((s) => s.values.some((value) => value !== null));
    const hasPercent = series.some((s) => s.percent);
    const hasCounts = series.some((s) => !s.percent);
    const axisStroke = '#9fb0bf';
    const grid = { stroke: '#2c3b49', width: 1 };
    const percentAxis: uPlot.Axis = {
      scale: 'pct',
      size: 64,
      side: hasCounts ? 1 : 3,
      stroke: axisStroke,
      grid: hasCounts ? { show: false } : grid,
      values: (_: uPlot, ticks: number[]) => ticks.map((tick) => `${tick} %`),
    };
    const axes: uPlot.Axis[] = [
      { stroke: axisStroke, grid },
      ...(hasCounts ? [{ scale: 'y', size: 56, stroke: axisStroke, grid }] : []),
      ...(hasPercent ? [percentAxis] : []),
    ];
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          y: { range: (_u, _min, max) => [0, Math.max(10, (max ?? 0) * 1.1)] },
          pct: { range: (_u, _min, max) => [0, Math.min(100, Math.max(5, (max ?? 0) * 1.2))] },
        },
        axes,
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            dash: s.dash ? [6, 4] : undefined,
            scale: s.percent ? 'pct' : 'y',
            points: { show: x.length < 40 },
            spanGaps: true,
          })),
        ],
      },
      [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
      element,
    );
    const observer = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height }),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [x, allSeries, height]);

  return <div ref={host} className="chart" role="img" aria-label={label} />;
}
