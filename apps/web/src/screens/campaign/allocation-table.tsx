import type { CampaignProgress, CampaignView } from '@contracts';
import { num, TableHead } from '../../components/table-head';
import { clockTime, number, percent } from '../../lib/figures';
import { Link } from '../../lib/router';

const COLUMNS = [
  'Site',
  num('Share'),
  num('Floor – cap'),
  num('Attempts'),
  num('Reached'),
  num('Sales'),
  num('Conversion'),
];

/** Each site's share of the volume, its terms and how it converts; what may not be called now, and when next. */
export function AllocationTable({
  campaign,
  progress,
  onRecompute,
}: {
  campaign: CampaignView;
  progress: CampaignProgress;
  onRecompute(): void;
}) {
  const terms = new Map(campaign.sites.map((site) => [site.siteId, site]));
  // contacts waiting by reason, as an empty lease's why counts them (lawful basis, rules, caller number, other leases)
  const refusals = Object.entries(progress.waiting).filter(([, count]) => count);
  return (
    <section className="panel" aria-labelledby="allocation-title">
      <h2 id="allocation-title">Allocation and conversion by site</h2>
      <div className="actions">
        <button type="button" className="ghost" onClick={onRecompute}>
          Recompute allocation now
        </button>
        <span className="muted">
          {campaign.allocationComputedAt
            ? `computed ${clockTime(new Date(campaign.allocationComputedAt))}`
            : 'not computed yet'}
        </span>
        <Link href={`/transparency?campaign=${campaign.id}`}>Where were customers called from?</Link>
      </div>
      <table data-testid="allocation">
        <caption>Share of the volume each site gets, and how it converts</caption>
        <TableHead columns={COLUMNS} />
        <tbody>
          {progress.bySite.map((site) => {
            const term = terms.get(site.siteId);
            return (
              <tr key={site.siteId} data-testid="allocation-row">
                <th scope="row">
                  {site.siteName} <span className="muted">({site.country})</span>
                  {term?.testCell && <span className="status-pill"> test cell</span>}
                </th>
                <td className="num">{percent(site.share, 1)}</td>
                <td className="num">{term ? `${percent(term.floor)} – ${percent(term.cap)}` : '—'}</td>
                <td className="num">{number(site.attempts)}</td>
                <td className="num">{number(site.reached)}</td>
                <td className="num">{number(site.sales)}</td>
                <td className="num">{percent(site.conversion, 1)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {refusals.length > 0 && (
        <p className="muted" data-testid="refusals">
          Not callable right now:{' '}
          {refusals.map(([rule, count]) => `${rule.replace(/_/g, ' ')} ${count}`).join(' · ')}
        </p>
      )}
      {progress.contactsLeft > 0 && (
        <p className="muted" data-testid="next-lawful">
          {progress.nextLawfulAt
            ? `Next lawful call: ${new Date(progress.nextLawfulAt).toLocaleString('en-GB', { dateStyle: 'full', timeStyle: 'short' })}`
            : 'No contact left may ever be called lawfully.'}
        </p>
      )}
    </section>
  );
}
