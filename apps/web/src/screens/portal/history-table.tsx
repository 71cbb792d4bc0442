import type { Page, SiteView, StaffingReportView } from '@contracts';
import { Served } from '../../components/states';
import { EmptyRow, num, TableHead } from '../../components/table-head';
import { dateTime } from '../../lib/figures';
import type { Resource } from '../../lib/use-resource';

const COLUMNS = [
  'Period',
  num('Version'),
  num('Headcount'),
  num('In production'),
  num('In training'),
  num('Hires / leavers'),
  num('Staffed / installed'),
  num('Absenteeism'),
  'Source',
  'Submitted',
];

/** A site's latest reports, newest first. */
export function HistoryTable({
  site,
  history,
}: {
  site: SiteView;
  history: Resource<Page<StaffingReportView>>;
}) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <Served resource={history} what="Staffing reports">
        <table data-testid="history">
          <caption>Latest reports of {site.name}, newest first</caption>
          <TableHead columns={COLUMNS} />
          <tbody>
            {(history.data?.items ?? []).map((report) => (
              <tr key={report.id} data-testid="history-row">
                <th scope="row">{report.period}</th>
                <td className="num">{report.version}</td>
                <td className="num">{report.headcount}</td>
                <td className="num">{report.agentsInProduction}</td>
                <td className="num">{report.agentsInTraining}</td>
                <td className="num">
                  {report.hires} / {report.leavers}
                </td>
                <td className="num">
                  {report.seatsStaffed} / {report.seatsInstalled}
                </td>
                <td className="num">{report.absenteeismPct} %</td>
                <td>{report.source}</td>
                <td>{dateTime(report.submittedAt)}</td>
              </tr>
            ))}
            {history.data?.items.length === 0 && <EmptyRow columns={10}>No report yet.</EmptyRow>}
          </tbody>
        </table>
      </Served>
    </section>
  );
}
