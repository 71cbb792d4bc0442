import { Loaded } from '../../components/states';
import { useSession } from '../../lib/session';
import { HeadcountCharts } from './charts';
import { HeadcountFilters } from './filters';
import { PlanEditor } from './plan-editor';
import { HeadcountTable } from './table';
import { HeadcountTotals } from './totals';
import { useHeadcount } from './use-headcount';

/**
 * Headcount: growth over time, actual against plan, by site, partner, country or shore, with
 * attrition and the share of agents in training; the table exports to CSV.
 */
export function HeadcountScreen() {
  const { user } = useSession();
  const canPlan = user?.role === 'manager' || user?.role === 'admin';
  const { filters, report, chart, latest, lastMonth, inProgress, exportCsv } = useHeadcount();

  return (
    <div data-testid="headcount">
      <header className="screen-head">
        <h1>Headcount</h1>
        <button type="button" onClick={exportCsv} disabled={!report.data}>
          Export CSV
        </button>
      </header>
      <HeadcountFilters {...filters} />
      <Loaded resource={report} what="Headcount figures">
        {(data) => (
          <>
            {latest && <HeadcountTotals latest={latest} inProgress={inProgress} />}
            <HeadcountCharts chart={chart} groupBy={filters.groupBy} groups={data.series.length} />
            {canPlan && <PlanEditor onSaved={report.reload} defaultMonth={filters.to} />}
            <HeadcountTable report={data} lastMonth={lastMonth} inProgress={inProgress} />
          </>
        )}
      </Loaded>
    </div>
  );
}
