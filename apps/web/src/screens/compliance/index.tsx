import { Served } from '../../components/states';
import { AttemptsPanel } from './attempts-panel';
import { FilterForm } from './filter-form';
import { ReportTable } from './report-table';
import { RuleBreakdown } from './rule-breakdown';
import { useCompliance } from './use-compliance';

/**
 * The compliance report for managers and admins: per month, partner, site and campaign, the
 * attempts, calls outside the consumer's window, late reports, refusals, calls after a withdrawal,
 * caller numbers outside the ARCEP ranges and incidents; each rule's count opens the attempts behind it.
 */
export function ComplianceScreen() {
  const { form, report, attempts, rule, setRule, exportReport, exportAttempts } = useCompliance();
  return (
    <div data-testid="compliance">
      <header className="screen-head">
        <h1>Compliance report</h1>
        <button type="button" onClick={exportReport} disabled={!report.data?.rows.length}>
          Export report CSV
        </button>
      </header>
      <FilterForm {...form} />
      <Served resource={report} what="Compliance reports">
        <RuleBreakdown report={report.data} rule={rule} onRule={setRule} />
        <ReportTable rows={report.data?.rows ?? []} loading={report.loading} />
        <AttemptsPanel
          rule={rule}
          attempts={attempts}
          onFlagged={() => setRule('flagged')}
          onExport={exportAttempts}
        />
      </Served>
    </div>
  );
}
