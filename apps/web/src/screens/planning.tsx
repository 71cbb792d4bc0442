import { useEffect, useMemo, useState } from 'react';
import type {
  CapacityGroupView,
  CapacityPlanView,
  PlanningQueueView,
  QueueForecastView,
  WhatIfView,
} from '@contracts';
import { ScreenError, Unavailable } from '../components/states';
import { EmptyRow, TableHead } from '../components/table-head';
import { type ChartSeries, TimeChart } from '../components/time-chart';
import { useLiveEvent } from '../live/live';
import { api, query } from '../lib/api';
import { download, toCsv } from '../lib/csv';
import { useResource } from '../lib/use-resource';

const parisToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
const parisTime = (iso: string) =>
  new Date(iso).toLocaleTimeString('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const parisDate = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

/** The colour of a gap in seats: short red, tight amber (under 10% spare), enough green, unknown grey. */
function gapColour(gap: number | null, required: number): string {
  if (gap === null) return 'var(--panel, #222)';
  if (required === 0) return '#2c3b49';
  if (gap < 0) return 'var(--bad)';
  return gap < required * 0.1 ? 'var(--warn)' : 'var(--ok)';
}

/** The worst (lowest) gap of each local day of a group, for the days × sites overview. */
function worstGapByDay(group: CapacityGroupView): Map<string, { gap: number | null; required: number }> {
  const days = new Map<string, { gap: number | null; required: number }>();
  for (const interval of group.intervals) {
    const date = parisDate(interval.start);
    const day = days.get(date) ?? { gap: null, required: 0 };
    if (interval.requiredSeats > day.required) day.required = interval.requiredSeats;
    if (interval.gap !== null && interval.requiredSeats > 0 && (day.gap === null || interval.gap < day.gap))
      day.gap = interval.gap;
    days.set(date, day);
  }
  return days;
}

/**
 * Capacity planning: the gap between staffed and required seats per site (a days × sites overview
 * and a site × 30-minute heat map of the chosen day), a queue's forecast against its actuals, and a
 * what-if panel that answers as the figures are typed.
 */
export function PlanningScreen() {
  const [from, setFrom] = useState(parisToday);
  const [days, setDays] = useState(14);
  const [day, setDay] = useState(parisToday);
  const plan = useResource(
    () => api<CapacityPlanView>(`/planning/capacity${query({ date: from, days, groupBy: 'site' })}`),
    [from, days],
  );
  const queues = useResource(() => api<PlanningQueueView[]>('/planning/queues'), []);
  useLiveEvent('planning.updated', () => plan.reload());

  const groups = plan.data?.groups ?? [];
  const dates = useMemo(
    () => [...new Set((groups[0]?.intervals ?? []).map((i) => parisDate(i.start)))],
    [groups],
  );
  const shownDay = dates.includes(day) ? day : (dates[0] ?? day);

  const exportHeatMap = () =>
    download(
      `capacity-gap-${from}-${days}d.csv`,
      toCsv(
        ['site', 'start', 'localDate', 'localTime', 'requiredAgents', 'requiredSeats', 'staffedSeats', 'gap'],
        groups.flatMap((group) =>
          group.intervals.map((interval) => [
            group.label,
            interval.start,
            parisDate(interval.start),
            parisTime(interval.start),
            interval.requiredAgents,
            interval.requiredSeats,
            group.staffedSeats,
            interval.gap,
          ]),
        ),
      ),
    );

  return (
    <div data-testid="planning">
      <header className="screen-head">
        <h1>Capacity planning</h1>
        <label>
          From{' '}
          <input
            type="date"
            value={from}
            onChange={(event) => event.target.value && setFrom(event.target.value)}
          />
        </label>
        <label>
          Days{' '}
          <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {[7, 14, 28].map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={exportHeatMap} disabled={!groups.length}>
          Export CSV
        </button>
      </header>
      {plan.unavailable ? (
        <Unavailable what="Capacity plans" />
      ) : plan.error ? (
        <ScreenError error={plan.error} />
      ) : (
        <>
          <section className="panel">
            <table data-testid="capacity-days">
              <caption>
                Worst gap of each day in seats (staffed seats of the latest staffing report − required seats)
                {plan.data?.forecastFrom
                  ? `; demand forecast from ${parisDate(plan.data.forecastFrom)} ${parisTime(plan.data.forecastFrom)}`
                  : ''}
              </caption>
              <TableHead columns={['Site', 'Staffed seats', 'Live', ...dates.map((date) => date.slice(5))]} />
              <tbody>
                {groups.length ? (
                  groups.map((group) => {
                    const worst = worstGapByDay(group);
                    return (
                      <tr key={group.key}>
                        <td>{group.label}</td>
                        <td>{group.staffedSeats ?? '–'}</td>
                        <td>{group.liveAgents}</td>
                        {dates.map((date) => {
                          const cell = worst.get(date) ?? { gap: null, required: 0 };
                          return (
                            <td key={date}>
                              <button
                                type="button"
                                className="link"
                                title={`${group.label}, ${date}: peak ${cell.required} seats required`}
                                onClick={() => setDay(date)}
                                style={{ background: gapColour(cell.gap, cell.required), width: '100%' }}
                              >
                                {cell.required === 0 ? '·' : (cell.gap ?? '?')}
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })
                ) : (
                  <EmptyRow columns={3 + dates.length}>{plan.loading ? 'Loading…' : 'No sites'}</EmptyRow>
                )}
              </tbody>
            </table>
          </section>
          <section className="panel" data-testid="gap-heatmap">
            <h2>Gap by 30-minute interval, {shownDay} (Paris time)</h2>
            <div
              role="img"
              aria-label={`Gap in seats by site and interval on ${shownDay}`}
              style={{ overflowX: 'auto' }}
            >
              {groups.map((group) => (
                <div key={group.key} style={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <span style={{ width: 200, fontSize: 11 }}>{group.label}</span>
                  {group.intervals
                    .filter((interval) => parisDate(interval.start) === shownDay)
                    .map((interval) => (
                      <span
                        key={interval.start}
                        data-gap={interval.gap ?? ''}
                        title={`${group.label} ${parisTime(interval.start)}: ${interval.requiredAgents} agents, ${interval.requiredSeats} seats required, gap ${interval.gap ?? 'unknown'}`}
                        style={{
                          width: 12,
                          height: 12,
                          display: 'inline-block',
                          background: gapColour(interval.gap, interval.requiredSeats),
                        }}
                      />
                    ))}
                </div>
              ))}
            </div>
            <p className="muted">
              Red: fewer staffed seats than required; amber: under 10% spare; green: enough; dark: no demand;
              grey: no staffing report.
            </p>
          </section>
        </>
      )}
      {queues.data && queues.data.length > 0 && <QueuePanels queues={queues.data} />}
    </div>
  );
}

/** A queue's forecast against actuals, and the what-if of its first forecast day. */
function QueuePanels({ queues }: { queues: PlanningQueueView[] }) {
  const [queueId, setQueueId] = useState(queues[0].id);
  const queue = queues.find((q) => q.id === queueId) ?? queues[0];
  const forecast = useResource(
    () => api<QueueForecastView>(`/planning/queues/${queue.id}/forecast${query({ weeks: 1 })}`),
    [queue.id],
  );
  const points = useMemo(
    () => [...(forecast.data?.heldOut ?? []), ...(forecast.data?.intervals ?? [])],
    [forecast.data],
  );
  const x = useMemo(() => points.map((p) => Date.parse(p.start) / 1000), [points]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: 'Actual', values: points.map((p) => p.actual), color: '#9fb0bf' },
      { label: 'Holt–Winters', values: points.map((p) => p.holtWinters), color: '#4fb3ff' },
      { label: 'Seasonal naive', values: points.map((p) => p.seasonalNaive), color: '#ffb547', dash: true },
    ],
    [points],
  );
  const firstDay = useMemo(
    () => (forecast.data?.intervals ?? []).slice(0, 48).map((p) => Math.round(p.holtWinters)),
    [forecast.data],
  );

  return (
    <>
      <section className="panel" data-testid="forecast">
        <header className="screen-head">
          <h2>Forecast against actuals</h2>
          <label>
            Queue{' '}
            <select value={queue.id} onChange={(event) => setQueueId(event.target.value)}>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          </label>
        </header>
        {forecast.error ? (
          <ScreenError error={forecast.error} />
        ) : forecast.data && !forecast.data.available ? (
          <p className="muted">
            Not enough history to forecast {queue.name} (two weeks before the held-out week).
          </p>
        ) : forecast.data ? (
          <>
            <p data-testid="wape">
              WAPE on the held-out week: Holt–Winters {pct(forecast.data.wape.holtWinters)}, seasonal naive{' '}
              {pct(forecast.data.wape.seasonalNaive)}
            </p>
            <TimeChart
              x={x}
              series={series}
              label={`Calls per 30 minutes of ${queue.name}: held-out week and the week ahead`}
            />
          </>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
      {firstDay.length > 0 && <WhatIfPanel queue={queue} calls={firstDay} />}
    </>
  );
}

/** What-if: the queue's first forecast day at the figures typed; answers as they change. */
function WhatIfPanel({ queue, calls }: { queue: PlanningQueueView; calls: number[] }) {
  const [aht, setAht] = useState(queue.ahtSeconds);
  const [level, setLevel] = useState(queue.target.level ?? 0.8);
  const [seconds, setSeconds] = useState(queue.target.seconds ?? 20);
  const [shrinkage, setShrinkage] = useState(0.3);
  const [patience, setPatience] = useState<number | ''>(queue.patienceSeconds ?? '');
  const [answer, setAnswer] = useState<WhatIfView | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api<WhatIfView>('/planning/what-if', {
        method: 'POST',
        signal: controller.signal,
        json: {
          calls,
          ahtSeconds: aht,
          target: { kind: 'service_level', seconds, level },
          maxOccupancy: queue.maxOccupancy,
          shrinkage,
          ...(patience === '' ? {} : { patienceSeconds: patience }),
        },
      }).then(
        (value) => {
          setAnswer(value);
          setError(null);
        },
        (failure: unknown) => {
          if (!controller.signal.aborted)
            setError(failure instanceof Error ? failure : new Error(String(failure)));
        },
      );
    }, 150);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [calls, aht, level, seconds, shrinkage, patience, queue.maxOccupancy]);

  const field = (
    label: string,
    value: number | '',
    set: (value: number) => void,
    step = 1,
    optional = false,
  ) => (
    <label>
      {label}{' '}
      <input
        type="number"
        step={step}
        value={value}
        aria-label={label}
        onChange={(event) => {
          if (optional && event.target.value === '') return setPatience('');
          const parsed = Number(event.target.value);
          if (event.target.value !== '' && Number.isFinite(parsed)) set(parsed);
        }}
      />
    </label>
  );

  return (
    <section className="panel" data-testid="what-if">
      <h2>
        What-if: {queue.name}, first forecast day ({calls.reduce((sum, c) => sum + c, 0)} calls)
      </h2>
      <div className="form-grid">
        {field('AHT (s)', aht, setAht)}
        {field('Service level', level, setLevel, 0.01)}
        {field('within (s)', seconds, setSeconds)}
        {field('Shrinkage', shrinkage, setShrinkage, 0.01)}
        {field('Patience (s)', patience, setPatience, 1, true)}
      </div>
      {error ? (
        <ScreenError error={error} />
      ) : answer ? (
        <p data-testid="what-if-answer">
          {answer.model === 'erlang_a' ? 'Erlang A' : 'Erlang C'}: peak {answer.peakScheduledAgents} scheduled
          agents, {answer.scheduledAgentHours} agent-hours, service level {pct(answer.serviceLevel)},
          abandonment {pct(answer.probabilityOfAbandoning)}
        </p>
      ) : (
        <p className="muted">…</p>
      )}
    </section>
  );
}
