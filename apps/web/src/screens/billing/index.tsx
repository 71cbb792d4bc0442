import { Served } from '../../components/states';
import { useSession } from '../../lib/session';
import { AdherenceMap } from './adherence-map';
import { CheckTable } from './check-table';
import { ExchangeRates } from './exchange-rates';
import { InvoiceLines } from './invoice-lines';
import { OutcomeCosts } from './outcome-costs';
import { useBilling } from './use-billing';

/**
 * The monthly billing check: per site, what partners billed against the hours their seats
 * delivered, flagged and disputed invoice lines, SLA credits; a site's line adherence as a heat
 * map (days x 30-minute intervals) and its invoice lines, which managers accept or dispute.
 */
export function BillingScreen() {
  const { user } = useSession();
  const manager = user?.role === 'manager' || user?.role === 'admin';
  const billing = useBilling();
  const { month, check, adherence, siteId, siteName, exports } = billing;
  const sites = check.data?.sites ?? [];
  return (
    <div data-testid="billing">
      <header className="screen-head">
        <h1>Billing check</h1>
        <label>
          Month{' '}
          <input
            type="month"
            value={month}
            onChange={(event) => event.target.value && billing.setMonth(event.target.value)}
          />
        </label>
        <button type="button" onClick={exports.check} disabled={!sites.length}>
          Export CSV
        </button>
      </header>
      <Served resource={check} what="Billing">
        <CheckTable
          month={month}
          sites={sites}
          loading={check.loading}
          siteId={siteId}
          onSite={billing.setSiteId}
        />
      </Served>
      {check.data && check.data.partners.length > 0 && (
        <OutcomeCosts
          partners={check.data.partners}
          partnerName={billing.partnerName}
          onExport={exports.costs}
        />
      )}
      {adherence.data && (
        <AdherenceMap
          adherence={adherence.data}
          siteName={siteName(adherence.data.siteId)}
          onExport={exports.adherence}
        />
      )}
      <ExchangeRates month={month} manager={manager} />
      <InvoiceLines
        title={`Invoice lines${siteId ? `, ${siteName(siteId)}` : ''}`}
        lines={billing.lines}
        siteName={siteName}
        onReview={manager ? (line, decision) => void billing.review(line, decision) : null}
        onExport={exports.lines}
      />
    </div>
  );
}
