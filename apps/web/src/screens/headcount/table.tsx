import type { HeadcountReport } from '@contracts';
import { num, TableHead } from '../../components/table-head';
import { monthLabel, number, percent } from '../../lib/figures';
import { groupLabel, growthText, signed } from './headcount-series';

/** Each group's last month: actual against plan. */
export function HeadcountTable({
  report,
  lastMonth,
  inProgress,
}: {
  report: HeadcountReport;
  lastMonth: string | undefined;
  inProgress: string | null;
}) {
  const group = groupLabel(report.groupBy);
  return (
    <section className="panel">
      <table data-testid="headcount-table">
        <caption>
          {lastMonth && monthLabel(lastMonth)}
          {inProgress ? ` (${inProgress})` : ''} by {group.toLowerCase()}: actual against plan
        </caption>
        <TableHead
          columns={[
            group,
            num('Headcount'),
            num('Plan'),
            num('Variance'),
            num('Growth'),
            num('Hires'),
            num('Leavers'),
            num('Attrition'),
            num('In training'),
            num('Staffed / installed'),
          ]}
        />
        <tbody>
          {report.series.map((series) => {
            const p = series.points.at(-1);
            return (
              <tr key={series.key}>
                <th scope="row">{series.label}</th>
                <td className="num">{number(p?.headcount)}</td>
                <td className="num">{number(p?.plan)}</td>
                <td className={`num ${p?.variance && p.variance < 0 ? 'error' : ''}`}>
                  {signed(p?.variance)}
                </td>
                <td className="num">{growthText(p?.growthPct)}</td>
                <td className="num">{number(p?.hires)}</td>
                <td className="num">{number(p?.leavers)}</td>
                <td className="num">{percent(p?.attritionRate, 1)}</td>
                <td className="num">{percent(p?.trainingShare)}</td>
                <td className="num">
                  {number(p?.seatsStaffed)} / {number(p?.seatsInstalled)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
