import type { InvoiceLineView } from '@contracts';
import { ScreenError } from '../../components/states';
import { EmptyRow, TableHead } from '../../components/table-head';
import type { Resource } from '../../lib/use-resource';
import { fixed } from './billing-csv';

const COLUMNS = [
  'Site',
  'Period',
  'Reference',
  'Hours',
  'Amount',
  'Expected',
  'Check',
  'Status',
  'Comment',
  '',
];

/** The month's invoice lines (of the chosen site), checked; a manager accepts or disputes each. */
export function InvoiceLines({
  title,
  lines,
  siteName,
  onReview,
  onExport,
}: {
  title: string;
  lines: Resource<InvoiceLineView[]>;
  siteName(id: string): string;
  /** absent for who may not review */
  onReview: ((line: InvoiceLineView, decision: 'accepted' | 'disputed') => void) | null;
  onExport(): void;
}) {
  return (
    <section className="panel">
      <header className="screen-head">
        <h2>{title}</h2>
        <button type="button" onClick={onExport} disabled={!lines.data?.length}>
          Export CSV
        </button>
      </header>
      {lines.error ? (
        <ScreenError error={lines.error} />
      ) : (
        <table data-testid="invoice-lines">
          <TableHead columns={COLUMNS} />
          <tbody>
            {lines.data?.length ? (
              lines.data.map((line) => (
                <tr key={line.id}>
                  <td>{siteName(line.siteId)}</td>
                  <td>{line.period}</td>
                  <td>{line.reference}</td>
                  <td>{fixed(line.hours)}</td>
                  <td>
                    {fixed(line.amount)} {line.currency}
                  </td>
                  <td>{fixed(line.expectedAmount)}</td>
                  <td className={line.flagged ? 'bad' : 'ok'}>{line.flagged ? line.flagReason : 'ok'}</td>
                  <td>{line.status}</td>
                  <td>{line.reviews.at(-1)?.comment}</td>
                  <td>
                    {onReview && (
                      <>
                        <button type="button" onClick={() => onReview(line, 'accepted')}>
                          Accept
                        </button>{' '}
                        <button type="button" onClick={() => onReview(line, 'disputed')}>
                          Dispute
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))
            ) : (
              <EmptyRow columns={10}>{lines.loading ? 'Loading…' : 'No invoice lines this month'}</EmptyRow>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
