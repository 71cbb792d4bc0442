import { TimeChart } from '../../components/time-chart';
import { type GroupBy, MAX_PLAN_LINES } from './headcount-series';
import type { HeadcountChartData } from './use-headcount';

/** Growth against plan, and attrition with the training share; the month in progress shaded on both. */
export function HeadcountCharts({
  chart,
  groupBy,
  groups,
}: {
  chart: HeadcountChartData;
  groupBy: GroupBy;
  groups: number;
}) {
  return (
    <div className="columns">
      <section className="panel" aria-labelledby="growth-title">
        <h2 id="growth-title">
          {groups <= MAX_PLAN_LINES
            ? 'Headcount against plan (dashed)'
            : 'Month-end headcount (plans in the table below)'}
        </h2>
        <TimeChart
          x={chart.x}
          series={chart.growth}
          partial={chart.partial}
          label={`Month-end headcount by ${groupBy} against plan`}
        />
      </section>
      <section className="panel" aria-labelledby="rates-title">
        <h2 id="rates-title">Attrition and training share</h2>
        <TimeChart
          x={chart.x}
          series={chart.rates}
          partial={chart.partial}
          label="Monthly attrition rate and share of agents in training"
        />
      </section>
    </div>
  );
}
