import { type FormEvent, useState } from 'react';
import {
  type ComplianceAttemptRow,
  INCIDENT_KINDS,
  type PartnerView,
  REPORT_RULES,
  type ReportRule,
  type SiteView,
} from '@contracts';
import { ScreenError, Unavailable } from '../components/states';
import { EmptyRow, num, TableHead } from '../components/table-head';
import { allPages } from '../lib/api';
import { campaignsApi, complianceApi, type ComplianceFilters } from '../lib/campaigns-api';
import { download } from '../lib/csv';
import { number } from '../lib/figures';
import { useResource } from '../lib/use-resource';

const RULE_LABELS: Record<ReportRule, string> = {
  outside_calling_hours: 'Outside calling hours',
  weekend: 'On a weekend',
  public_holiday: 'On a public holiday',
  late_report: 'Reported after the lease expired',
  called_after_withdrawal: 'Called after a refusal withdrew the contact',
  caller_number: 'Caller number outside the ARCEP ranges',
  refusal: 'Refusals recorded (honoured from then on)',
};

/** The period of this month so far, in the browser's dates (the api reads them as Paris dates). */
function thisMonth(): ComplianceFilters {
  const today = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  const month = `${today.getFullYear()}-${pad(today.getMonth() + 1)}`;
  return {
    from: `${month}-01`,
    to: `${month}-${pad(today.getDate())}`,
    campaignId: '',
    partnerId: '',
    siteId: '',
  };
}

/**
 * The compliance report for managers and admins: per month, partner, site and campaign, the
 * attempts, calls outside the consumer's window, late reports, refusals, calls after a withdrawal,
 * caller numbers outside the ARCEP ranges and incidents; each rule's count opens the attempts behind it.
 */
export function ComplianceScreen() {
  const [filters, setFilters] = useState<ComplianceFilters>(thisMonth);
  const [draft, setDraft] = useState(filters);
  const [rule, setRule] = useState<ReportRule | 'flagged'>('flagged');
  const options = useResource(
    () =>
      Promise.all([campaignsApi.list(), allPages<PartnerView>('/partners'), allPages<SiteView>('/sites')]),
    [],
  );
  const report = useResource(() => complianceApi.report(filters), [filters]);
  const attempts = useResource(() => complianceApi.attempts(filters, rule), [filters, rule]);
  const [campaigns, partners, sites] = options.data ?? [undefined, [], []];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const name = `${filters.from}-${filters.to}`;
  const exportReport = async () => download(`compliance-${name}.csv`, await complianceApi.reportCsv(filters));
  const exportAttempts = async () =>
    download(`compliance-attempts-${rule}-${name}.csv`, await complianceApi.attemptsCsv(filters, rule));
  const field = (key: keyof ComplianceFilters) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <div data-testid="compliance">
      <header className="screen-head">
        <h1>Compliance report</h1>
        <button type="button" onClick={exportReport} disabled={!report.data?.rows.length}>
          Export report CSV
        </button>
      </header>
      <form className="toolbar" onSubmit={submit} aria-label="Filter the report">
        <label>
          From
          <input type="date" required {...field('from')} />
        </label>
        <label>
          To
          <input type="date" required {...field('to')} />
        </label>
        <label>
          Campaign
          <select {...field('campaignId')}>
            <option value="">All campaigns</option>
            {(campaigns?.items ?? []).map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Partner
          <select {...field('partnerId')}>
            <option value="">All partners</option>
            {partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Site
          <select {...field('siteId')}>
            <option value="">All sites</option>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {report.unavailable ? (
        <Unavailable what="Compliance reports" />
      ) : report.error ? (
        <ScreenError error={report.error} />
      ) : (
        <>
          <section className="panel" aria-label="Attempts by rule">
            <h2>
              {number(report.data?.totals.attempts)} attempt(s), {number(report.data?.totals.incidents)}{' '}
              incident(s), {report.data?.from} to {report.data?.to}
            </h2>
            <ul className="breakdown" data-testid="by-rule">
              {REPORT_RULES.map((key) => (
                <li key={key} data-rule={key}>
                  <span>{RULE_LABELS[key]}</span>
                  <strong>{number(report.data?.byRule[key])}</strong>
                  <button
                    type="button"
                    className="ghost"
                    aria-pressed={rule === key}
                    onClick={() => setRule(key)}
                  >
                    Show attempts
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section className="panel">
            <table data-testid="compliance-table">
              <caption>By month, partner, site and campaign</caption>
              <TableHead
                columns={[
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
                ]}
              />
              <tbody>
                {(report.data?.rows ?? []).map((row) => (
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
                {!report.loading && !report.data?.rows.length && (
                  <EmptyRow columns={11}>No call attempt in this period.</EmptyRow>
                )}
              </tbody>
            </table>
          </section>
          <AttemptsPanel
            rule={rule}
            onFlagged={() => setRule('flagged')}
            onExport={exportAttempts}
            items={attempts.data?.items ?? []}
            total={attempts.data?.total}
            loading={attempts.loading}
            error={attempts.error}
          />
        </>
      )}
    </div>
  );
}

function incidentTitle(incidents: Partial<Record<(typeof INCIDENT_KINDS)[number], number>>): string {
  return INCIDENT_KINDS.filter((kind) => incidents[kind])
    .map((kind) => `${kind.replace(/_/g, ' ')}: ${incidents[kind]}`)
    .join(', ');
}

function AttemptsPanel(props: {
  rule: ReportRule | 'flagged';
  onFlagged(): void;
  onExport(): void;
  items: ComplianceAttemptRow[];
  total: number | undefined;
  loading: boolean;
  error: Error | null;
}) {
  const title =
    props.rule === 'flagged' ? 'Flagged attempts (any rule or incident)' : RULE_LABELS[props.rule];
  return (
    <section className="panel" aria-label="Attempts behind the count">
      <header className="screen-head">
        <h2 data-testid="attempts-title">{title}</h2>
        {props.rule !== 'flagged' && (
          <button type="button" className="ghost" onClick={props.onFlagged}>
            All flagged attempts
          </button>
        )}
        <button type="button" onClick={props.onExport} disabled={!props.items.length}>
          Export attempts CSV
        </button>
      </header>
      {props.error ? (
        <ScreenError error={props.error} />
      ) : (
        <table data-testid="attempts-table">
          <caption>
            {number(props.total)} attempt(s)
            {props.total !== undefined && props.total > props.items.length
              ? `, the first ${props.items.length} shown`
              : ''}
          </caption>
          <TableHead
            columns={[
              'When',
              'Outcome',
              'Rules',
              'Incidents',
              'Caller number',
              'Partner',
              'Site',
              'Campaign',
            ]}
          />
          <tbody>
            {props.items.map((row) => (
              <tr key={row.attemptId} data-testid="attempt-row">
                <td>
                  {new Date(row.attemptedAt).toLocaleString('en-GB', {
                    dateStyle: 'short',
                    timeStyle: 'short',
                  })}
                </td>
                <td>{row.outcome.replace(/_/g, ' ')}</td>
                <td>{row.rules.map((rule) => rule.replace(/_/g, ' ')).join(', ')}</td>
                <td>{row.incidents.map((kind) => kind.replace(/_/g, ' ')).join(', ')}</td>
                <td>{row.callerNumber ?? '—'}</td>
                <td>{row.partnerName}</td>
                <td>{row.siteName}</td>
                <td>{row.campaignName}</td>
              </tr>
            ))}
            {!props.loading && props.items.length === 0 && (
              <EmptyRow columns={8}>No attempt under this rule.</EmptyRow>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
