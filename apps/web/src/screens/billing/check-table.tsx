import type { BillingCheckSite } from '@contracts';
import { EmptyRow, TableHead } from '../../components/table-head';
import { fixed, pct } from './billing-csv';

const COLUMNS = [
  'Site',
  'Delivered h',
  'Billable h',
  'Gaps (min)',
  'Expected',
  'Billed',
  'Difference',
  'Lines',
  'Flagged',
  'Disputed',
  'Within tolerance',
  'Late reports',
  'Incidents',
  'Credits',
  'Cost / reached',
  'Cost / sale',
];

/** Billed against delivered per site; a site's name opens its adherence and invoice lines. */
export function CheckTable({
  month,
  sites,
  loading,
  siteId,
  onSite,
}: {
  month: string;
  sites: BillingCheckSite[];
  loading: boolean;
  siteId: string | null;
  onSite(siteId: string): void;
}) {
  return (
    <section className="panel">
      <table data-testid="billing-check">
        <caption>Billed against delivered, per site ({month}, each site's local month)</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {sites.length ? (
            sites.map((s) => (
              <tr key={s.siteId} className={s.siteId === siteId ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" onClick={() => onSite(s.siteId)}>
                    {s.siteName}
                  </button>
                </td>
                <td>{fixed(s.deliveredHours)}</td>
                <td>{fixed(s.billableHours)}</td>
                <td>{s.gapMinutes}</td>
                <td>
                  {s.expectedAmount === null ? 'no contract' : `${fixed(s.expectedAmount)} ${s.currency}`}
                </td>
                <td>{fixed(s.billedAmount)}</td>
                <td className={s.difference && Math.abs(s.difference) > 0.005 ? 'bad' : undefined}>
                  {fixed(s.difference)}
                </td>
                <td>{s.lines}</td>
                <td>{s.flaggedLines}</td>
                <td>{s.disputedLines}</td>
                <td title={s.adherenceReason ?? undefined}>
                  {s.adherenceStatus === 'not_measurable' ? 'not measurable' : pct(s.shareWithinTolerance)}
                </td>
                <td title={`${s.lateReports} of ${s.reportDueDays} reporting days late`}>{s.lateReports}</td>
                <td>{s.complianceIncidents}</td>
                <td
                  title={`adherence ${fixed(s.adherenceCredits)}, timeliness ${fixed(s.timelinessCredits)}, compliance ${fixed(s.complianceCredits)}`}
                >
                  {fixed(s.credits)}
                </td>
                <td>{fixed(s.costPerReached)}</td>
                <td>{fixed(s.costPerSale)}</td>
              </tr>
            ))
          ) : (
            <EmptyRow columns={16}>{loading ? 'Loading…' : 'No sites'}</EmptyRow>
          )}
        </tbody>
      </table>
    </section>
  );
}
