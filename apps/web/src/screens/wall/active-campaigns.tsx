import { useEffect, useState } from 'react';
import type { CampaignProgress, CampaignView } from '@contracts';
import { Unavailable } from '../../components/states';
import { ProgressBar, StatusPill } from '../../components/status-pill';
import { useLiveEvent } from '../../live/live';
import { ApiError } from '../../lib/api';
import { campaignsApi } from '../../lib/campaigns-api';
import { number, percent } from '../../lib/figures';
import { useResource } from '../../lib/use-resource';

/** Running and paused campaigns with their progress, kept current by `campaign.*` events. */
export function ActiveCampaigns() {
  const campaigns = useResource(async () => {
    const [running, paused] = await Promise.all([campaignsApi.list('running'), campaignsApi.list('paused')]);
    return [...running.items, ...paused.items];
  }, []);
  const [progress, setProgress] = useState<Record<string, CampaignProgress>>({});

  const ids = (campaigns.data ?? []).map((campaign) => campaign.id).join(',');
  useEffect(() => {
    if (!ids) return;
    for (const id of ids.split(','))
      campaignsApi.progress(id).then(
        (figures) => setProgress((current) => ({ ...current, [id]: newer(current[id], figures) })),
        () => undefined,
      );
  }, [ids]);
  useLiveEvent('campaign.progress', (figures) =>
    setProgress((current) => ({
      ...current,
      [figures.campaignId]: newer(current[figures.campaignId], figures),
    })),
  );
  useLiveEvent('campaign.status', () => campaigns.reload());

  const hidden = campaigns.error instanceof ApiError && campaigns.error.status === 403;
  if (hidden) return null;
  const items = campaigns.data ?? [];
  return (
    <section className="tile side-tile" aria-labelledby="campaigns-title" data-testid="active-campaigns">
      <h2 id="campaigns-title">Active campaigns</h2>
      {campaigns.unavailable ? (
        <Unavailable what="Campaigns" />
      ) : campaigns.error ? (
        <p className="error">{campaigns.error.message}</p>
      ) : items.length === 0 ? (
        <p className="muted">{campaigns.loading ? 'Loading…' : 'No campaign running.'}</p>
      ) : (
        <ul>
          {items.map((campaign) => (
            <CampaignLine key={campaign.id} campaign={campaign} progress={progress[campaign.id]} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CampaignLine({ campaign, progress }: { campaign: CampaignView; progress?: CampaignProgress }) {
  return (
    <li data-testid="active-campaign">
      <strong>{campaign.name}</strong> <StatusPill status={campaign.status} />
      {progress ? (
        <>
          <ProgressBar
            value={progress.done}
            max={progress.contacts}
            label={`${campaign.name}: contacts worked`}
          />
          <div className="muted">
            {number(progress.done)} / {number(progress.contacts)} worked · {number(progress.sales)} sales ·
            conversion {percent(progress.conversion, 1)}
          </div>
        </>
      ) : (
        <div className="muted">{number(campaign.contactCount)} contacts</div>
      )}
    </li>
  );
}

const newer = (current: CampaignProgress | undefined, next: CampaignProgress) =>
  current && current.at > next.at ? current : next;
