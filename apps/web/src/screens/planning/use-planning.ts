import { useMemo, useState } from 'react';
import type { CapacityPlanView, PlanningQueueView } from '@contracts';
import { useLiveEvent } from '../../live/live';
import { api, query } from '../../lib/api';
import { download, toCsv } from '../../lib/csv';
import { useResource } from '../../lib/use-resource';
import { heatMapCsv, parisDate, parisToday } from './capacity';

/** The capacity plan of the chosen days (kept current), the day shown in detail, and the queues. */
export function usePlanning() {
  const [from, setFrom] = useState(parisToday);
  const [days, setDays] = useState(14);
  const [day, setDay] = useState(parisToday);
  const plan = useResource(
    () => api<CapacityPlanView>(`/planning/capacity${query({ date: from, days, groupBy: 'site' })}`),
    [from, days],
  );
  const queues = useResource(() => api<PlanningQueueView[]>('/planning/queues'), []);
  useLiveEvent('planning.updated', () => plan.reload());

  const groups = useMemo(() => plan.data?.groups ?? [], [plan.data]);
  const dates = useMemo(
    () => [...new Set((groups[0]?.intervals ?? []).map((i) => parisDate(i.start)))],
    [groups],
  );
  const shownDay = dates.includes(day) ? day : (dates[0] ?? day);
  const exportHeatMap = () => {
    const { header, rows } = heatMapCsv(groups);
    download(`capacity-gap-${from}-${days}d.csv`, toCsv(header, rows));
  };

  return {
    from,
    setFrom,
    days,
    setDays,
    setDay,
    plan,
    queues: queues.data ?? [],
    groups,
    dates,
    shownDay,
    exportHeatMap,
  };
}
