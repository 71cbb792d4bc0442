import { useState } from 'react';
import { Served } from '../../components/states';
import { useLiveEvent } from '../../live/live';
import { campaignsApi } from '../../lib/campaigns-api';
import { useResource } from '../../lib/use-resource';
import { CampaignTable } from './campaign-table';
import { CreateCampaign } from './create-campaign';

/** Every campaign, reloaded when one changes status. */
function useCampaigns() {
  const campaigns = useResource(() => campaignsApi.list(), []);
  useLiveEvent('campaign.status', () => campaigns.reload());
  return campaigns;
}

/** The manager console's home: every campaign with its progress, and a form to create one. */
export function CampaignsScreen() {
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  return (
    <div data-testid="campaigns">
      <header className="screen-head">
        <h1>Campaigns</h1>
        <button type="button" onClick={() => setCreating(!creating)} aria-expanded={creating}>
          {creating ? 'Close the form' : 'New campaign'}
        </button>
      </header>
      {creating && <CreateCampaign />}
      <Served resource={campaigns} what="Campaigns">
        <CampaignTable campaigns={campaigns.data?.items} />
      </Served>
    </div>
  );
}
