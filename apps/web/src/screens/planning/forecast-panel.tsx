import type { PlanningQueueView } from '@contracts';
import { ScreenError } from '../../components/states';
import { TimeChart } from '../../components/time-chart';
import { pct } from './capacity';
import { useForecast } from './use-forecast';
import { WhatIfPanel } from './what-if-panel';
import { Choice, optionsOf } from '../../components/choice';

/** A queue's forecast against actuals, and the what-if of its first forecast day. */
export function QueuePanels({ queues }: { queues: PlanningQueueView[] }) {
  const { queue, setQueueId, forecast, x, series, firstDay } = useForecast(queues);
  const data = forecast.data;
  return (
    <>
      <section className="panel" data-testid="forecast">
        <header className="screen-head">
          <h2>Forecast against actuals</h2>
          <label>
            Queue <Choice value={queue.id} options={optionsOf(queues)} onChange={setQueueId} />
          </label>
        </header>
        {forecast.error ? (
          <ScreenError error={forecast.error} />
        ) : data && !data.available ? (
          <p className="muted">
            Not enough history to forecast {queue.name} (two weeks before the held-out week).
          </p>
        ) : data ? (
          <>
            <p data-testid="wape">
              WAPE on the held-out week: Holt–Winters {pct(data.wape.holtWinters)}, seasonal naive{' '}
              {pct(data.wape.seasonalNaive)}
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
