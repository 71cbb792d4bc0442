import type { ReactNode } from 'react';
import type { ActivityView, OccupancyFigures, TileThreshold, WallTile } from '@contracts';
import { number, percent } from '../lib/figures';
import { FigureList, KeyFigures, StateBar } from './figures';

const METRIC_LABELS: Record<TileThreshold['metric'], string> = {
  occupancy: 'Occupancy',
  reachRate: 'Reach rate',
  conversion: 'Conversion',
  attemptsPerHour: 'Attempts per hour',
  handleSeconds: 'Handle time',
};

export function metricValue(metric: TileThreshold['metric'], value: number | null): string {
  if (metric === 'attemptsPerHour') return number(value);
  if (metric === 'handleSeconds') return value === null ? '—' : `${Math.round(value)} s`;
  return percent(value);
}

/** "Occupancy below 60 %", "Reach rate falling by 20 %". */
export function thresholdLabel(threshold: TileThreshold): string {
  const name = METRIC_LABELS[threshold.metric];
  if (threshold.op === 'falling') return `${name} falling by ${percent(threshold.value)}`;
  return `${name} ${threshold.op} ${metricValue(threshold.metric, threshold.value)}`;
}

export { METRIC_LABELS };

/** A line of one value per minute, scaled to its own maximum (a sparkline). */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = 120;
  const points = values
    .map(
      (value, index) =>
        `${((index / Math.max(1, values.length - 1)) * width).toFixed(1)},${(20 - (value / max) * 18).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${width} 20`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <polyline points={points} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Attempts per hour, reach, conversion and handle time of the last hour, the trend, and last week's same hour. */
export function ActivityBlock({ view }: { view: ActivityView }) {
  const { lastHour, lastWeek, agents, hoursToday } = view;
  const lost = lastHour.lostToRules;
  return (
    <div className="activity" data-testid="activity">
      <FigureList
        figures={[
          { label: 'Attempts / h', value: number(lastHour.attemptsPerHour), testId: 'attempts-per-hour' },
          { label: 'Reach rate', value: percent(lastHour.reachRate), testId: 'reach-rate' },
          { label: 'Conversion', value: percent(lastHour.conversion), testId: 'conversion' },
          {
            label: 'Handle time',
            value: metricValue('handleSeconds', lastHour.handleSeconds),
            testId: 'handle-time',
          },
          ...(agents
            ? [
                {
                  label: 'Agents live / planned',
                  title:
                    'seats not offline now / agents the capacity plan needs at their seats this half-hour',
                  value: number(agents.live),
                  of: number(agents.required),
                  testId: 'agents-now',
                },
              ]
            : []),
          ...(hoursToday
            ? [
                {
                  label: 'Hours today / requested',
                  title: 'productive hours delivered today so far / hours requested so far',
                  value: number(hoursToday.delivered, 1),
                  of: number(hoursToday.requested, 1),
                  testId: 'hours-today',
                },
              ]
            : []),
        ]}
      />
      <div className="trend">
        <Sparkline
          values={view.trend.attempts}
          label={`Attempts per minute over the last 2 hours: ${view.trend.attempts.reduce((sum, attempts) => sum + attempts, 0)} in all`}
        />
        <span className="muted" data-testid="last-week">
          Same hour last week: {number(lastWeek.attempts)} attempts · reach {percent(lastWeek.reachRate)} ·
          conversion {percent(lastWeek.conversion)}
        </span>
      </div>
      {lost && (
        <p className="muted lost" data-testid="lost-to-rules">
          Held by the rules now: {number(lost.outsideHours)} outside hours · {number(lost.attemptsUsed)}{' '}
          attempts used
          {lost.other ? ` · ${number(lost.other)} other` : ''}
        </p>
      )}
    </div>
  );
}

/** One tile of an arranged wall, signed in or on a read-only screen. */
export function WallTileCard({
  tile,
  title,
  live,
  activity,
  breached,
  children,
  controls,
}: {
  tile: WallTile;
  title: string;
  live: OccupancyFigures | null;
  activity: ActivityView | null;
  breached: TileThreshold[];
  children?: ReactNode;
  controls?: ReactNode;
}) {
  return (
    <section
      className={`tile wall-tile size-${tile.size}${breached.length ? ' breached' : ''}`}
      data-testid="wall-tile"
      data-tile-id={tile.id}
      data-breached={breached.length ? 'true' : 'false'}
      aria-label={title}
    >
      <h2>{title}</h2>
      {breached.map((threshold) => (
        <p key={`${threshold.metric}-${threshold.op}`} className="breach" data-testid="breach">
          {thresholdLabel(threshold)}
        </p>
      ))}
      {live && tile.kind !== 'activity' && (
        <>
          <KeyFigures figures={live} />
          <StateBar counts={live.counts} seats={live.seats} />
        </>
      )}
      {activity && <ActivityBlock view={activity} />}
      {children}
      {controls}
    </section>
  );
}
