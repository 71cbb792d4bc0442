import type { ComplianceReportRow } from '@contracts';
import { EmptyRow, num, TableHead } from '../../components/table-head';
import { number } from '../../lib/figures';
import { incidentTitle } from './rules';

const COLUMNS = [
  'Month',
  'Partner',
  'Site',
  'Campaign',
  num('Attempts'),
  num('Outside window'),
  num('Late reports'),
  num('Refusals'),
  num('After withdrawal'),
  num('Caller number'),
  num('Incidents'),
];

/** The report by month, partner, site and campaign. */
export function ReportTable({ rows, loading }: { rows: ComplianceReportRow[]; loading: boolean }) {
  return (
    <section className="panel">
      <table data-testid="compliance-table">
        <caption>By month, partner, site and campaign</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.month}-${row.siteId}-${row.campaignId}`}
              data-testid="compliance-row"
              data-site={row.siteName}
            >
              <td>{row.month}</td>
              <td>{row.partnerName}</td>
              <td>
                {row.siteName} ({row.country})
              </td>
              <td>{row.campaignName}</td>
              <td className="num">{number(row.attempts)}</td>
              <td className="num">{number(row.outsideWindow)}</td>
              <td className="num">{number(row.lateReports)}</td>
              <td className="num">{number(row.refusals)}</td>
              <td className="num">{number(row.calledAfterWithdrawal)}</td>
              <td className="num">{number(row.callerNumberOutsideArcep)}</td>
              <td className="num" title={incidentTitle(row.incidents)}>
                {number(Object.values(row.incidents).reduce((sum, count) => sum + count, 0))}
              </td>
            </tr>
          ))}
          {!loading && !rows.length && <EmptyRow columns={11}>No call attempt in this period.</EmptyRow>}
        </tbody>
      </table>
    </section>
  );
}
