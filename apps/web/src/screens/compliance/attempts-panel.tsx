import type { ComplianceAttemptRow, Page } from '@contracts';
import { ScreenError } from '../../components/states';
import { EmptyRow, TableHead } from '../../components/table-head';
import { number } from '../../lib/figures';
import type { Resource } from '../../lib/use-resource';
import { type RuleChoice, RULE_LABELS, words } from './rules';

const COLUMNS = ['When', 'Outcome', 'Rules', 'Incidents', 'Caller number', 'Partner', 'Site', 'Campaign'];
const when = (at: string) => new Date(at).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });

/** The attempts behind a rule's count (or every flagged one), exportable. */
export function AttemptsPanel({
  rule,
  attempts,
  onFlagged,
  onExport,
}: {
  rule: RuleChoice;
  attempts: Resource<Page<ComplianceAttemptRow>>;
  onFlagged(): void;
  onExport(): void;
}) {
  const items = attempts.data?.items ?? [];
  const total = attempts.data?.total;
  return (
    <section className="panel" aria-label="Attempts behind the count">
      <header className="screen-head">
        <h2 data-testid="attempts-title">
          {rule === 'flagged' ? 'Flagged attempts (any rule or incident)' : RULE_LABELS[rule]}
        </h2>
        {rule !== 'flagged' && (
          <button type="button" className="ghost" onClick={onFlagged}>
            All flagged attempts
          </button>
        )}
        <button type="button" onClick={onExport} disabled={!items.length}>
          Export attempts CSV
        </button>
      </header>
      {attempts.error ? (
        <ScreenError error={attempts.error} />
      ) : (
        <table data-testid="attempts-table">
          <caption>
            {number(total)} attempt(s)
            {total !== undefined && total > items.length ? `, the first ${items.length} shown` : ''}
          </caption>
          <TableHead columns={COLUMNS} />
          <tbody>
            {items.map((row) => (
              <tr key={row.attemptId} data-testid="attempt-row">
                <td>{when(row.attemptedAt)}</td>
                <td>{words(row.outcome)}</td>
                <td>{row.rules.map(words).join(', ')}</td>
                <td>{row.incidents.map(words).join(', ')}</td>
                <td>{row.callerNumber ?? '—'}</td>
                <td>{row.partnerName}</td>
                <td>{row.siteName}</td>
                <td>{row.campaignName}</td>
              </tr>
            ))}
            {!attempts.loading && items.length === 0 && (
              <EmptyRow columns={8}>No attempt under this rule.</EmptyRow>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
