import type { TransparencyRow } from '@contracts';
import { EmptyRow, TableHead } from '../../components/table-head';
import { dateTime, number } from '../../lib/figures';

/** The call attempts found, newest first, times in the reader's zone. */
export function CallsTable({
  items,
  total,
  loading,
}: {
  items: TransparencyRow[];
  total: number | undefined;
  loading: boolean;
}) {
  return (
    <section className="panel">
      <table data-testid="transparency-table">
        <caption>
          {number(total)} call attempt(s)
          {total !== undefined && total > items.length ? `, the latest ${items.length} shown` : ''}
          {` · times in your time zone (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
        </caption>
        <TableHead columns={['When', 'Customer number', 'Outcome', 'Called from', 'Partner', 'Country']} />
        <tbody>
          {items.map((row, index) => (
            <tr key={`${row.contactId}-${row.attemptedAt}-${index}`} data-testid="transparency-row">
              <td>{dateTime(row.attemptedAt)}</td>
              <td>{row.phone}</td>
              <td>{row.outcome.replace(/_/g, ' ')}</td>
              <td>{row.siteName}</td>
              <td>{row.partnerName}</td>
              <td>{row.country}</td>
            </tr>
          ))}
          {!loading && items.length === 0 && (
            <EmptyRow columns={6}>No call recorded for this search.</EmptyRow>
          )}
        </tbody>
      </table>
    </section>
  );
}
