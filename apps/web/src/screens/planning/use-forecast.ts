import { useMemo, useState } from 'react';
import type { PlanningQueueView, QueueForecastView } from '@contracts';
import type { ChartSeries } from '../../components/time-chart';
import { api, query } from '../../lib/api';
import { useResource } from '../../lib/use-resource';

/** The chosen queue's forecast: held-out week and week ahead as chart series, and its first forecast day. */
export function useForecast(queues: PlanningQueueView[]) {
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
  return { queue, setQueueId, forecast, x, series, firstDay };
}
