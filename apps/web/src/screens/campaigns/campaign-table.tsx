import type { CampaignView } from '@contracts';
import { ProgressBar, StatusPill } from '../../components/status-pill';
import { EmptyRow, num, TableHead } from '../../components/table-head';
import { STRATEGY_LABELS } from '../../lib/campaigns-api';
import { number } from '../../lib/figures';
import { Link } from '../../lib/router';

/** Every campaign, newest first, with its status, strategy, contacts loaded and sites. */
export function CampaignTable({ campaigns }: { campaigns: CampaignView[] | undefined }) {
  return (
    <section className="panel">
      <table>
        <caption>Campaigns, newest first</caption>
        <TableHead columns={['Campaign', 'Status', 'Strategy', num('Contacts / target'), 'Sites']} />
        <tbody>
          {(campaigns ?? []).map((campaign) => (
            <tr key={campaign.id} data-testid="campaign-row">
              <th scope="row">
                <Link href={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
                <div className="muted">{campaign.product}</div>
              </th>
              <td>
                <StatusPill status={campaign.status} />
              </td>
              <td>{STRATEGY_LABELS[campaign.allocationStrategy]}</td>
              <td className="num">
                {number(campaign.contactCount)} / {number(campaign.targetVolume)}
                <ProgressBar
                  value={campaign.contactCount}
                  max={campaign.targetVolume}
                  label={`${campaign.name}: contacts loaded`}
                />
              </td>
              <td>{campaign.sites.map((site) => site.siteName ?? site.siteId.slice(0, 8)).join(', ')}</td>
            </tr>
          ))}
          {campaigns?.length === 0 && <EmptyRow columns={5}>No campaign yet: create the first one.</EmptyRow>}
        </tbody>
      </table>
    </section>
  );
}
