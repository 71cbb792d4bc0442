import type { CampaignCost, PartnerCost } from '@contracts';
import { TableHead } from '../../components/table-head';
import { fixed } from './billing-csv';

const COLUMNS = [
  'Partner',
  'Campaign',
  'Cost',
  'Attempts',
  'Reached',
  'Sales',
  'Cost / reached',
  'Cost / sale',
];

/** The outcome cells of a partner's or a campaign's row. */
function Outcomes({
  of,
}: {
  of: Pick<CampaignCost, 'attempts' | 'reached' | 'sales' | 'costPerReached' | 'costPerSale'>;
}) {
  return (
    <>
      <td>{of.attempts}</td>
      <td>{of.reached}</td>
      <td>{of.sales}</td>
      <td>{fixed(of.costPerReached)}</td>
      <td>{fixed(of.costPerSale)}</td>
    </>
  );
}

/** Cost per outcome: each partner's month, then each of its campaigns. */
export function OutcomeCosts({
  partners,
  partnerName,
  onExport,
}: {
  partners: PartnerCost[];
  partnerName(id: string): string;
  onExport(): void;
}) {
  return (
    <section className="panel">
      <header className="screen-head">
        <h2>Cost per outcome, per partner and campaign</h2>
        <button type="button" onClick={onExport}>
          Export CSV
        </button>
      </header>
      <table data-testid="outcome-costs">
        <TableHead columns={COLUMNS} />
        <tbody>
          {partners.flatMap((p) => [
            <tr key={`${p.partnerId}-${p.currency}`}>
              <td>{partnerName(p.partnerId)}</td>
              <td>all campaigns</td>
              <td>
                {fixed(p.expectedAmount)} {p.currency}
              </td>
              <Outcomes of={p} />
            </tr>,
            ...p.campaigns.map((c) => (
              <tr key={`${p.partnerId}-${p.currency}-${c.campaignId}`}>
                <td />
                <td>{c.campaignName}</td>
                <td>{fixed(c.cost)}</td>
                <Outcomes of={c} />
              </tr>
            )),
          ])}
        </tbody>
      </table>
    </section>
  );
}
