import { useState } from 'react';
import type { BillingCheck, InvoiceLineView, LineAdherenceMonth } from '@contracts';
import { ScreenError, Unavailable } from '../components/states';
import { EmptyRow, TableHead } from '../components/table-head';
import { allPages, api, query } from '../lib/api';
import { download, toCsv } from '../lib/csv';
import { useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { ExchangeRates } from './exchange-rates';

const thisMonth = () => new Date().toISOString().slice(0, 7);
const fixed = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? '–' : value.toFixed(digits);
const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

/** The colour of an interval's adherence: within 10% green, under red, over amber, none grey. */
function cellColour(adherence: number | null): string {
  if (adherence === null) return 'var(--panel, #222)';
  if (Math.abs(adherence - 1) <= 0.1) return 'var(--ok)';
  return adherence < 1 ? 'var(--bad)' : 'var(--warn)';
}

/**
 * The monthly billing check: per site, what partners billed against the hours their seats
 * delivered, flagged and disputed invoice lines, SLA credits; a site's line adherence as a heat
 * map (days x 30-minute intervals) and its invoice lines, which managers accept or dispute.
 */
export function BillingScreen() {
  const { user } = useSession();
  const manager = user?.role === 'manager' || user?.role === 'admin';
  const [month, setMonth] = useState(thisMonth);
  const [siteId, setSiteId] = useState<string | null>(null);
  const check = useResource(() => api<BillingCheck>(`/billing/check${query({ month })}`), [month]);
  const adherence = useResource<LineAdherenceMonth | null>(
    () =>
      siteId
        ? api<LineAdherenceMonth>(`/billing/sites/${siteId}/line-adherence${query({ month })}`)
        : Promise.resolve(null),
    [siteId, month],
  );
  const lines = useResource(
    () => api<InvoiceLineView[]>(`/billing/invoice-lines${query({ month, siteId })}`),
    [siteId, month],
  );
  const partners = useResource(() => allPages<{ id: string; name: string }>('/partners'), []);
  const sites = check.data?.sites ?? [];
  const siteName = (id: string) => sites.find((site) => site.siteId === id)?.siteName ?? id;

  const review = async (line: InvoiceLineView, decision: 'accepted' | 'disputed') => {
    const comment = window.prompt(decision === 'disputed' ? 'Why is this line disputed?' : 'Comment', '');
    if (!comment?.trim()) return;
    await api(`/billing/invoice-lines/${line.id}/review`, { method: 'POST', json: { decision, comment } });
    lines.reload();
    check.reload();
  };

  const exportCheck = () =>
    download(
      `billing-check-${month}.csv`,
      toCsv(
        [
          'site',
          'currency',
          'deliveredHours',
          'billableHours',
          'gapMinutes',
          'expectedAmount',
          'billedHours',
          'billedAmount',
          'difference',
          'lines',
          'flaggedLines',
          'disputedLines',
          'shareWithinTolerance',
          'adherenceStatus',
          'adherenceReason',
          'adherenceCredits',
          'lateReports',
          'timelinessCredits',
          'complianceIncidents',
          'complianceCredits',
          'credits',
          'attempts',
          'reached',
          'sales',
          'costPerReached',
          'costPerSale',
        ],
        sites.map((s) => [
          s.siteName,
          s.currency,
          s.deliveredHours,
          s.billableHours,
          s.gapMinutes,
          s.expectedAmount,
          s.billedHours,
          s.billedAmount,
          s.difference,
          s.lines,
          s.flaggedLines,
          s.disputedLines,
          s.shareWithinTolerance,
          s.adherenceStatus,
          s.adherenceReason,
          s.adherenceCredits,
          s.lateReports,
          s.timelinessCredits,
          s.complianceIncidents,
          s.complianceCredits,
          s.credits,
          s.attempts,
          s.reached,
          s.sales,
          s.costPerReached,
          s.costPerSale,
        ]),
      ),
    );
  const partnerName = (id: string) => partners.data?.find((partner) => partner.id === id)?.name ?? id;
  const exportCosts = () =>
    download(
      `outcome-costs-${month}.csv`,
      toCsv(
        [
          'partner',
          'currency',
          'campaign',
          'cost',
          'attempts',
          'reached',
          'sales',
          'costPerReached',
          'costPerSale',
        ],
        (check.data?.partners ?? []).flatMap((p) => [
          [
            partnerName(p.partnerId),
            p.currency,
            'all campaigns',
            p.expectedAmount,
            p.attempts,
            p.reached,
            p.sales,
            p.costPerReached,
            p.costPerSale,
          ],
          ...p.campaigns.map((c) => [
            partnerName(p.partnerId),
            p.currency,
            c.campaignName,
            c.cost,
            c.attempts,
            c.reached,
            c.sales,
            c.costPerReached,
            c.costPerSale,
          ]),
        ]),
      ),
    );
  const exportLines = () =>
    download(
      `invoice-lines-${month}.csv`,
      toCsv(
        [
          'site',
          'period',
          'reference',
          'hours',
          'amount',
          'currency',
          'expectedAmount',
          'difference',
          'flagged',
          'flagReason',
          'status',
          'lastComment',
        ],
        (lines.data ?? []).map((line) => [
          siteName(line.siteId),
          line.period,
          line.reference,
          line.hours,
          line.amount,
          line.currency,
          line.expectedAmount,
          line.difference,
          line.flagged,
          line.flagReason,
          line.status,
          line.reviews.at(-1)?.comment ?? '',
        ]),
      ),
    );
  const exportHeatMap = () =>
    adherence.data &&
    download(
      `line-adherence-${siteName(adherence.data.siteId)}-${month}.csv`,
      toCsv(
        ['date', 'localTime', 'adherence'],
        adherence.data.days.flatMap((day) =>
          day.intervals.map((cell) => [day.date, cell.localTime, cell.adherence]),
        ),
      ),
    );

  return (
    <div data-testid="billing">
      <header className="screen-head">
        <h1>Billing check</h1>
        <label>
          Month{' '}
          <input
            type="month"
            value={month}
            onChange={(event) => event.target.value && setMonth(event.target.value)}
          />
        </label>
        <button type="button" onClick={exportCheck} disabled={!sites.length}>
          Export CSV
        </button>
      </header>
      {check.unavailable ? (
        <Unavailable what="Billing" />
      ) : check.error ? (
        <ScreenError error={check.error} />
      ) : (
        <section className="panel">
          <table data-testid="billing-check">
            <caption>Billed against delivered, per site ({month}, each site's local month)</caption>
            <TableHead
              columns={[
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
              ]}
            />
            <tbody>
              {sites.length ? (
                sites.map((s) => (
                  <tr key={s.siteId} className={s.siteId === siteId ? 'selected' : undefined}>
                    <td>
                      <button type="button" className="link" onClick={() => setSiteId(s.siteId)}>
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
                      {s.adherenceStatus === 'not_measurable'
                        ? 'not measurable'
                        : pct(s.shareWithinTolerance)}
                    </td>
                    <td title={`${s.lateReports} of ${s.reportDueDays} reporting days late`}>
                      {s.lateReports}
                    </td>
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
                <EmptyRow columns={16}>{check.loading ? 'Loading…' : 'No sites'}</EmptyRow>
              )}
            </tbody>
          </table>
        </section>
      )}
      {check.data && check.data.partners.length > 0 && (
        <section className="panel">
          <header className="screen-head">
            <h2>Cost per outcome, per partner and campaign</h2>
            <button type="button" onClick={exportCosts}>
              Export CSV
            </button>
          </header>
          <table data-testid="outcome-costs">
            <TableHead
              columns={[
                'Partner',
                'Campaign',
                'Cost',
                'Attempts',
                'Reached',
                'Sales',
                'Cost / reached',
                'Cost / sale',
              ]}
            />
            <tbody>
              {check.data.partners.flatMap((p) => [
                <tr key={`${p.partnerId}-${p.currency}`}>
                  <td>{partnerName(p.partnerId)}</td>
                  <td>all campaigns</td>
                  <td>
                    {fixed(p.expectedAmount)} {p.currency}
                  </td>
                  <td>{p.attempts}</td>
                  <td>{p.reached}</td>
                  <td>{p.sales}</td>
                  <td>{fixed(p.costPerReached)}</td>
                  <td>{fixed(p.costPerSale)}</td>
                </tr>,
                ...p.campaigns.map((c) => (
                  <tr key={`${p.partnerId}-${p.currency}-${c.campaignId}`}>
                    <td />
                    <td>{c.campaignName}</td>
                    <td>{fixed(c.cost)}</td>
                    <td>{c.attempts}</td>
                    <td>{c.reached}</td>
                    <td>{c.sales}</td>
                    <td>{fixed(c.costPerReached)}</td>
                    <td>{fixed(c.costPerSale)}</td>
                  </tr>
                )),
              ])}
            </tbody>
          </table>
        </section>
      )}
      {adherence.data && (
        <section className="panel" data-testid="adherence-heatmap">
          <header className="screen-head">
            {adherence.data.status === 'not_measurable' ? (
              <h2>
                Line adherence, {siteName(adherence.data.siteId)}: not measurable ({adherence.data.reason});
                no adherence credit
              </h2>
            ) : (
              <h2>
                Line adherence, {siteName(adherence.data.siteId)}: {pct(adherence.data.shareWithinTolerance)}{' '}
                of {adherence.data.measuredIntervals} intervals within tolerance, {adherence.data.breaches}{' '}
                breach(es), credits {fixed(adherence.data.credits)} {adherence.data.currency ?? ''}
              </h2>
            )}
            <button type="button" onClick={exportHeatMap}>
              Export CSV
            </button>
          </header>
          <div role="img" aria-label="Adherence by day and 30-minute interval" style={{ overflowX: 'auto' }}>
            {adherence.data.days.map((day) => (
              <div key={day.date} style={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <span style={{ width: 90, fontSize: 11 }}>{day.date}</span>
                {day.intervals.map((cell) => (
                  <span
                    key={`${day.date}-${cell.localTime}-${cell.adherence}`}
                    title={`${day.date} ${cell.localTime}: ${cell.adherence === null ? 'not measured' : pct(cell.adherence)}`}
                    style={{
                      width: 12,
                      height: 12,
                      background: cellColour(cell.adherence),
                      display: 'inline-block',
                    }}
                  />
                ))}
              </div>
            ))}
          </div>
          <p className="muted">
            Green within 10%, red under, amber over, grey: no request or no samples (a gap).
          </p>
        </section>
      )}
      <ExchangeRates month={month} manager={manager} />
      <section className="panel">
        <header className="screen-head">
          <h2>Invoice lines{siteId ? `, ${siteName(siteId)}` : ''}</h2>
          <button type="button" onClick={exportLines} disabled={!lines.data?.length}>
            Export CSV
          </button>
        </header>
        {lines.error ? (
          <ScreenError error={lines.error} />
        ) : (
          <table data-testid="invoice-lines">
            <TableHead
              columns={[
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
              ]}
            />
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
                      {manager && (
                        <>
                          <button type="button" onClick={() => void review(line, 'accepted')}>
                            Accept
                          </button>{' '}
                          <button type="button" onClick={() => void review(line, 'disputed')}>
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
    </div>
  );
}
