import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { LOCALE, number } from '../lib/figures';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** dashed line (e.g. a plan against actuals) */
  dash?: boolean;
  /** drawn against the right-hand axis (percentages) */
  percent?: boolean;
}

/** time steps a tick may fall on, in seconds: never finer than a second */
const TIME_STEPS = [1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86_400, 7 * 86_400];

/** A tick or a cursor's time, as precise as the chart's span needs and no more, in the reader's locale. */
function timeFormatter(spanSeconds: number, monthly: boolean): (seconds: number) => string {
  const options: Intl.DateTimeFormatOptions = monthly
    ? { month: 'short', year: '2-digit', timeZone: 'UTC' }
    : spanSeconds > 2 * 86_400
      ? { day: '2-digit', month: 'short' }
      : spanSeconds > 600
        ? { hour: '2-digit', minute: '2-digit' }
        : { hour: '2-digit', minute: '2-digit', second: '2-digit' };
  const format = new Intl.DateTimeFormat(LOCALE, options);
  return (seconds) => format.format(new Date(seconds * 1000));
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
    // monthly points (each on the 1st at 00:00 UTC) are labelled as months, on the points themselves
    const monthly = x.length > 1 && x.every((t) => new Date(t * 1000).getUTCDate() === 1 && t % 86_400 === 0);
    const formatTime = timeFormatter((x.at(-1) ?? 0) - (x[0] ?? 0), monthly);
    const timeAxis: uPlot.Axis = {
      stroke: axisStroke,
      grid,
      space: 70,
      // monthly: on the points, every n-th one so that labels keep 70 px apart
      ...(monthly
        ? {
            splits: (u: uPlot) => {
              const fit = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 70));
              const step = Math.ceil(x.length / fit);
              return x.filter((_, index) => index % step === 0);
            },
          }
        : { incrs: TIME_STEPS }),
      values: (_: uPlot, ticks: number[]) => ticks.map(formatTime),
    };
    const axes: uPlot.Axis[] = [
      timeAxis,
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
          { value: (_: uPlot, t: number | null) => (t === null ? '' : formatTime(t)) },
          ...series.map((s) => ({
            label: s.label,
            // the value under the cursor; nothing rather than uPlot's "--" where there is none
            value: (_: uPlot, v: number | null) =>
              v === null || v === undefined ? '' : s.percent ? `${number(v, 1)} %` : number(v),
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
