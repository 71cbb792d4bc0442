import { Served } from '../../components/states';
import { DaysTable } from './days-table';
import { QueuePanels } from './forecast-panel';
import { HeatMap } from './heat-map';
import { usePlanning } from './use-planning';
import { Choice } from '../../components/choice';

/**
 * Capacity planning: the gap between staffed and required seats per site (a days × sites overview
 * and a site × 30-minute heat map of the chosen day), a queue's forecast against its actuals, and a
 * what-if panel that answers as the figures are typed.
 */
export function PlanningScreen() {
  const { from, setFrom, days, setDays, setDay, plan, queues, groups, dates, shownDay, exportHeatMap } =
    usePlanning();
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
          <Choice
            value={String(days)}
            options={['7', '14', '28'].map((value) => ({ value, label: value }))}
            onChange={(value) => setDays(Number(value))}
          />
        </label>
        <button type="button" onClick={exportHeatMap} disabled={!groups.length}>
          Export CSV
        </button>
      </header>
      <Served resource={plan} what="Capacity plans">
        <DaysTable
          groups={groups}
          dates={dates}
          forecastFrom={plan.data?.forecastFrom}
          loading={plan.loading}
          onDay={setDay}
        />
        <HeatMap groups={groups} day={shownDay} />
      </Served>
      {queues.length > 0 && <QueuePanels queues={queues} />}
    </div>
  );
}
