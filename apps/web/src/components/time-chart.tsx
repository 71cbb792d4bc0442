import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { number } from '../lib/figures';
import { cursorFormatter, isMonthly, tickFormatter, TIME_STEPS } from '../lib/time-axis';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** dashed line (e.g. a plan against actuals) */
  dash?: boolean;
  /** drawn against the right-hand axis (percentages) */
  percent?: boolean;
}

/** A period still in progress at the end of the chart: from `from` (seconds) to the last point. */
export interface PartialPeriod {
  from: number;
  label: string;
}

const PALETTE = ['#4fb3ff', '#3ccf91', '#ffb547', '#ff6b6b', '#c792ea', '#c7e36b', '#7fdbca', '#f78c6c'];
export const seriesColor = (index: number) => PALETTE[index % PALETTE.length];

const AXIS_STROKE = '#9fb0bf';
const GRID = { stroke: '#2c3b49', width: 1 };

function timeAxis(x: number[], format: (seconds: number) => string): uPlot.Axis {
  return {
    stroke: AXIS_STROKE,
    grid: GRID,
    space: 70,
    // monthly: on the points, every n-th one so that labels keep 70 px apart
    ...(isMonthly(x)
      ? {
          splits: (u: uPlot) => {
            const fit = Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 70));
            const step = Math.ceil(x.length / fit);
            return x.filter((_, index) => index % step === 0);
          },
        }
      : { incrs: TIME_STEPS }),
    values: (u: uPlot, ticks: number[]) => {
      const labels = ticks.map(format);
      // the labels drawn on the canvas, readable by a test (the canvas is not)
      if (u.root.parentElement) u.root.parentElement.dataset.timeTicks = labels.join(' | ');
      return labels;
    },
  };
}

function valueAxes(series: ChartSeries[]): uPlot.Axis[] {
  const hasCounts = series.some((s) => !s.percent);
  const percentAxis: uPlot.Axis = {
    scale: 'pct',
    size: 64,
    side: hasCounts ? 1 : 3,
    stroke: AXIS_STROKE,
    grid: hasCounts ? { show: false } : GRID,
    values: (_: uPlot, ticks: number[]) => ticks.map((tick) => `${tick} %`),
  };
  return [
    ...(hasCounts ? [{ scale: 'y', size: 56, stroke: AXIS_STROKE, grid: GRID }] : []),
    ...(series.some((s) => s.percent) ? [percentAxis] : []),
  ];
}

/** Shades the partial period over the plot, labelled, as an element a reader (and a test) can find. */
function partialBand(partial: PartialPeriod): uPlot.Plugin {
  const band = document.createElement('div');
  band.className = 'chart-partial';
  band.dataset.testid = 'chart-partial';
  band.textContent = partial.label;
  return {
    hooks: {
      init: (u) => void u.over.appendChild(band),
      draw: (u) => {
        const left = Math.max(0, u.valToPos(partial.from, 'x'));
        band.style.left = `${left}px`;
        band.style.width = `${Math.max(0, u.over.clientWidth - left)}px`;
      },
    },
  };
}

/**
 * A time-series line chart (uPlot: canvas, ~50 kB, made for time series). `x` is in seconds
 * since the epoch; its axis is labelled in the reader's locale. A period still in progress is
 * shaded and labelled. The chart resizes with its container; its summary is given to screen readers.
 */
export function TimeChart({
  x,
  series: allSeries,
  height = 280,
  label,
  partial,
}: {
  x: number[];
  series: ChartSeries[];
  height?: number;
  label: string;
  partial?: PartialPeriod | null;
}) {
  const host = useRef<HTMLDivElement>(null);
  const partialFrom = partial?.from;
  const partialLabel = partial?.label;

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // a series with no point at all only clutters the legend
    const series = allSeries.filter((s) => s.values.some((value) => value !== null));
    const span = (x.at(-1) ?? 0) - (x[0] ?? 0);
    const cursorTime = cursorFormatter(span, isMonthly(x));
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
        axes: [timeAxis(x, tickFormatter(span, isMonthly(x))), ...valueAxes(series)],
        plugins:
          partialFrom !== undefined && partialLabel
            ? [partialBand({ from: partialFrom, label: partialLabel })]
            : [],
        series: [
          { value: (_: uPlot, t: number | null) => (t === null ? '' : cursorTime(t)) },
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
  }, [x, allSeries, height, partialFrom, partialLabel]);

  const fullLabel = partialLabel ? `${label}; the last period is partial (${partialLabel})` : label;
  return <div ref={host} className="chart" role="img" aria-label={fullLabel} />;
}
