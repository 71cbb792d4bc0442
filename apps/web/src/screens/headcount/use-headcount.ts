import { useEffect, useMemo, useState } from 'react';
import type { HeadcountReport } from '@contracts';
import type { PartialPeriod } from '../../components/time-chart';
import { useLiveEvent } from '../../live/live';
import { api, query } from '../../lib/api';
import { download, toCsv } from '../../lib/csv';
import { monthToDate } from '../../lib/figures';
import { useResource } from '../../lib/use-resource';
import {
  csvTable,
  type GroupBy,
  growthSeries,
  monthOf,
  monthSeconds,
  rateSeries,
  shift,
  totalPoints,
} from './headcount-series';

/** The headcount report of the chosen grouping and months, kept current, and what the screen draws of it. */
export function useHeadcount() {
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
  const growth = useMemo(() => growthSeries(data?.series ?? []), [data]);
  const rates = useMemo(() => rateSeries(totals), [totals]);
  const lastMonth = months.at(-1);
  const inProgress = lastMonth ? monthToDate(lastMonth) : null;
  // the month in progress is shaded on the charts, from the month before (its segment is "so far")
  const partial = useMemo<PartialPeriod | null>(
    () => (inProgress && x.length ? { from: x.at(-2) ?? x[0], label: 'month to date' } : null),
    [inProgress, x],
  );

  const exportCsv = () => {
    if (!data) return;
    const { header, rows } = csvTable(data);
    download(`headcount-by-${data.groupBy}-${data.from}-${data.to}.csv`, toCsv(header, rows));
  };

  return {
    filters: { groupBy, setGroupBy, from, setFrom, to, setTo },
    report,
    chart: { x, growth, rates, partial },
    latest: totals.at(-1),
    lastMonth,
    inProgress,
    exportCsv,
  };
}

export type HeadcountFilterState = ReturnType<typeof useHeadcount>['filters'];
export type HeadcountChartData = ReturnType<typeof useHeadcount>['chart'];
