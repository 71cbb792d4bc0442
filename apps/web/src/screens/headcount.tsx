import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { HeadcountPoint, HeadcountReport, SiteView, StaffingPlanView } from '@contracts';
import { FigureList } from '../components/figures';
import { ScreenError, Unavailable } from '../components/states';
import { type ChartSeries, seriesColor, TimeChart } from '../components/time-chart';
import { useLiveEvent } from '../live/live';
import { allPages, api, fieldErrors, query } from '../lib/api';
import { download, toCsv } from '../lib/csv';
import { monthLabel, monthToDate, number, percent } from '../lib/figures';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { num, TableHead } from '../components/table-head';

type GroupBy = HeadcountReport['groupBy'];
const GROUPS: Array<{ value: GroupBy; label: string }> = [
  { value: 'site', label: 'Site' },
  { value: 'partner', label: 'Partner' },
  { value: 'country', label: 'Country' },
  { value: 'shore', label: 'Onshore / offshore' },
];

/** groups up to which the growth chart draws each one's plan beside its actuals */
const MAX_PLAN_LINES = 4;
const monthOf = (date: Date) => date.toISOString().slice(0, 7);
const monthSeconds = (month: string) =>
  Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1) / 1000;
const shift = (month: string, months: number) => {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + months, 1));
  return monthOf(date);
};

/**
 * Headcount: growth over time, actual against plan, by site, partner, country or shore, with
 * attrition and the share of agents in training; the table exports to CSV.
 */
export function HeadcountScreen() {
  const { user } = useSession();
  const canPlan = user?.role === 'manager' || user?.role === 'admin';
  const [groupBy, setGroupBy] = useState<GroupBy>('partner');
  const [to, setTo] = useState(() => monthOf(new Date()));
  const [from, setFrom] = useState(() => shift(monthOf(new Date()), -11));
  const report = useResource(
    () => api<HeadcountReport>(`/headcount${query({ groupBy, from, to })}`),
    [groupBy, from, to],
  );

  // a new staffing report moves the figures: reload, at most every few seconds
  const [stale, setStale] = useState(0);
  useLiveEvent('headcount.changed', () => setStale((value) => value + 1));
  useEffect(() => {
    if (!stale) return;
    const timer = window.setTimeout(report.reload, 1_500);
    return () => window.clearTimeout(timer);
  }, [stale, report.reload]);

  const data = report.data;
  const months = useMemo(() => (data?.series[0]?.points ?? []).map((point) => point.month), [data]);
  const totals = useMemo(() => (data ? totalPoints(data) : []), [data]);
  const x = useMemo(() => months.map(monthSeconds), [months]);
  const growth = useMemo<ChartSeries[]>(
    () =>
      // a plan line per group only while the chart stays readable (by site: actuals, plans in the table)
      (data?.series ?? []).flatMap((series, index, all) => [
        { label: series.label, values: series.points.map((p) => p.headcount), color: seriesColor(index) },
        ...(all.length <= MAX_PLAN_LINES
          ? [
              {
                label: `${series.label} plan`,
                values: series.points.map((p) => p.plan),
                color: seriesColor(index),
                dash: true,
              },
            ]
          : []),
      ]),
    [data],
  );
  const rates = useMemo<ChartSeries[]>(
    () => [
      {
        label: 'Attrition (monthly)',
        values: totals.map((p) => pct(p.attritionRate)),
        color: '#ff6b6b',
        percent: true,
      },
      {
        label: 'Training share',
        values: totals.map((p) => pct(p.trainingShare)),
        color: '#ffb547',
        percent: true,
      },
    ],
    [totals],
  );
  const latest = totals.at(-1);

  const exportCsv = () => {
    if (!data) return;
    const header = [
      'group',
      'key',
      'month',
      'headcount',
      'plan',
      'variance',
      'growthPct',
      'hires',
      'leavers',
      'attritionRate',
      'agentsInProduction',
      'agentsInTraining',
      'trainingShare',
      'seatsStaffed',
      'seatsInstalled',
    ];
    const rows = data.series.flatMap((series) =>
      series.points.map((p) => [
        series.label,
        series.key,
        p.month,
        p.headcount,
        p.plan,
        p.variance,
        p.growthPct,
        p.hires,
        p.leavers,
        p.attritionRate,
        p.agentsInProduction,
        p.agentsInTraining,
        p.trainingShare,
        p.seatsStaffed,
        p.seatsInstalled,
      ]),
    );
    download(`headcount-by-${data.groupBy}-${data.from}-${data.to}.csv`, toCsv(header, rows));
  };

  return (
    <div data-testid="headcount">
      <header className="screen-head">
        <h1>Headcount</h1>
        <button type="button" onClick={exportCsv} disabled={!data}>
          Export CSV
        </button>
      </header>
      <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Headcount filters">
        <label>
          Group by
          <select value={groupBy} onChange={(event) => setGroupBy(event.target.value as GroupBy)}>
            {GROUPS.map((group) => (
              <option key={group.value} value={group.value}>
                {group.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input
            type="month"
            value={from}
            max={to}
            onChange={(event) => event.target.value && setFrom(event.target.value)}
          />
        </label>
        <label>
          To
          <input
            type="month"
            value={to}
            min={from}
            onChange={(event) => event.target.value && setTo(event.target.value)}
          />
        </label>
      </form>
      {report.unavailable ? (
        <Unavailable what="Headcount figures" />
      ) : report.error ? (
        <ScreenError error={report.error} />
      ) : !data ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {latest && (
            <section
              className="tile network-tile"
              aria-label={`Totals for ${latest.month}`}
              data-testid="headcount-totals"
            >
              <h2>
                {monthLabel(latest.month)}
                {monthToDate(latest.month) && (
                  <span className="muted partial" data-testid="partial-month">
                    {' '}
                    ({monthToDate(latest.month)})
                  </span>
                )}
              </h2>
              <FigureList
                figures={[
                  {
                    label: 'Headcount / plan',
                    value: number(latest.headcount),
                    of: number(latest.plan),
                    testId: 'total-headcount',
                  },
                  // a month in progress is not a month: its attrition and growth are so far
                  {
                    label: monthToDate(latest.month) ? 'Growth (so far)' : 'Growth (month)',
                    value: growthText(latest.growthPct),
                  },
                  {
                    label: monthToDate(latest.month) ? 'Attrition (so far)' : 'Attrition (month)',
                    value: percent(latest.attritionRate, 1),
                  },
                  { label: 'In training', value: percent(latest.trainingShare, 0) },
                ]}
              />
            </section>
          )}
          <div className="columns">
            <section className="panel" aria-labelledby="growth-title">
              <h2 id="growth-title">
                {(data?.series.length ?? 0) <= MAX_PLAN_LINES
                  ? 'Headcount against plan (dashed)'
                  : 'Month-end headcount (plans in the table below)'}
              </h2>
              <TimeChart x={x} series={growth} label={`Month-end headcount by ${groupBy} against plan`} />
            </section>
            <section className="panel" aria-labelledby="rates-title">
              <h2 id="rates-title">Attrition and training share</h2>
              <TimeChart
                x={x}
                series={rates}
                label="Monthly attrition rate and share of agents in training"
              />
            </section>
          </div>
          {canPlan && <PlanEditor onSaved={report.reload} defaultMonth={to} />}
          <section className="panel">
            <table data-testid="headcount-table">
              <caption>
                {months.at(-1) && monthLabel(months.at(-1)!)}
                {months.at(-1) && monthToDate(months.at(-1)!)
                  ? ` (${monthToDate(months.at(-1)!)})`
                  : ''} by {GROUPS.find((group) => group.value === groupBy)?.label.toLowerCase()}: actual
                against plan
              </caption>
              <TableHead
                columns={[
                  GROUPS.find((group) => group.value === groupBy)?.label ?? '',
                  num('Headcount'),
                  num('Plan'),
                  num('Variance'),
                  num('Growth'),
                  num('Hires'),
                  num('Leavers'),
                  num('Attrition'),
                  num('In training'),
                  num('Staffed / installed'),
                ]}
              />
              <tbody>
                {data.series.map((series) => {
                  const p = series.points.at(-1);
                  return (
                    <tr key={series.key}>
                      <th scope="row">{series.label}</th>
                      <td className="num">{number(p?.headcount)}</td>
                      <td className="num">{number(p?.plan)}</td>
                      <td className={`num ${p?.variance && p.variance < 0 ? 'error' : ''}`}>
                        {signed(p?.variance)}
                      </td>
                      <td className="num">{growthText(p?.growthPct)}</td>
                      <td className="num">{number(p?.hires)}</td>
                      <td className="num">{number(p?.leavers)}</td>
                      <td className="num">{percent(p?.attritionRate, 1)}</td>
                      <td className="num">{percent(p?.trainingShare)}</td>
                      <td className="num">
                        {number(p?.seatsStaffed)} / {number(p?.seatsInstalled)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}

const growthText = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toFixed(1)} %`;
const pct = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${number(value)}`;

/** The sum of every series, month by month (rates recomputed from the sums). */
function totalPoints(report: HeadcountReport): HeadcountPoint[] {
  const months = report.series[0]?.points.map((point) => point.month) ?? [];
  const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);
  let previous: number | null = null;
  return months.map((month, index) => {
    const points = report.series.map((series) => series.points[index]).filter(Boolean);
    const sum = (pick: (p: HeadcountPoint) => number | null) =>
      points.reduce<number | null>((total, point) => add(total, pick(point)), null);
    const headcount = sum((p) => p.headcount);
    const plan = sum((p) => p.plan);
    const production = sum((p) => p.agentsInProduction);
    const training = sum((p) => p.agentsInTraining);
    const average = sum((p) => p.averageHeadcount);
    const leavers = sum((p) => p.leavers) ?? 0;
    const staffed = sum((p) => p.seatsStaffed);
    const fte = sum((p) => p.fte);
    const point: HeadcountPoint = {
      month,
      sitesReporting: sum((p) => p.sitesReporting) ?? 0,
      headcount,
      plan,
      variance: headcount !== null && plan !== null ? headcount - plan : null,
      growthPct: headcount !== null && previous ? ((headcount - previous) / previous) * 100 : null,
      hires: sum((p) => p.hires) ?? 0,
      leavers,
      averageHeadcount: average,
      attritionRate: average ? leavers / average : null,
      agentsInProduction: production,
      agentsInTraining: training,
      trainingShare:
        production !== null && training !== null && production + training > 0
          ? training / (production + training)
          : null,
      fte,
      seatsStaffed: staffed,
      seatsInstalled: sum((p) => p.seatsInstalled),
      seatUtilisation: fte !== null && staffed ? fte / staffed : null,
    };
    previous = headcount ?? previous;
    return point;
  });
}

/** A manager sets the planned month-end headcount of a site. */
function PlanEditor({ onSaved, defaultMonth }: { onSaved(): void; defaultMonth: string }) {
  const sites = useResource(() => allPages<SiteView>('/sites', { status: 'active' }), []);
  const [siteId, setSiteId] = useState('');
  const [month, setMonth] = useState(defaultMonth);
  const [headcount, setHeadcount] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const site = siteId || sites.data?.[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const plan = await api<StaffingPlanView>(`/sites/${site}/plans/${month}`, {
        method: 'PUT',
        json: { headcount: headcount === '' ? undefined : Number(headcount) },
      });
      setErrors({});
      setMessage({ ok: true, text: `Plan for ${plan.month} set to ${plan.headcount}.` });
      onSaved();
    } catch (failure) {
      setErrors(fieldErrors(failure));
      setMessage({ ok: false, text: failure instanceof Error ? failure.message : 'Refused.' });
    }
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="plan-title" data-testid="plan-form">
      <h2 id="plan-title">Plan a site's month-end headcount</h2>
      <div className="toolbar">
        <label>
          Site
          <select value={site} onChange={(event) => setSiteId(event.target.value)}>
            {(sites.data ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Month
          <input type="month" value={month} onChange={(event) => setMonth(event.target.value)} />
        </label>
        <label>
          Planned headcount
          <input
            type="number"
            min={0}
            value={headcount}
            aria-invalid={errors.headcount ? true : undefined}
            onChange={(event) => setHeadcount(event.target.value)}
          />
          {errors.headcount && <span className="field-error">{errors.headcount}</span>}
        </label>
        <button type="submit" disabled={!site}>
          Save plan
        </button>
        {message && (
          <span className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
