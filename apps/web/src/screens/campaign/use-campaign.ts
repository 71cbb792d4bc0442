import { useEffect, useMemo, useState } from 'react';
import type { CampaignAction } from '@contracts';
import { useLiveEvent, useLiveScopes } from '../../live/live';
import { ApiError } from '../../lib/api';
import { campaignsApi } from '../../lib/campaigns-api';
import { useResource } from '../../lib/use-resource';
import type { Sample } from './shares';

/**
 * One campaign, its progress (live) and the history of it this page saw, its seats live, the
 * opposition list's age, and its lifecycle actions.
 */
export function useCampaign(id: string) {
  const campaign = useResource(() => campaignsApi.get(id), [id]);
  const progress = useResource(() => campaignsApi.progress(id), [id]);
  const live = useLiveScopes(useMemo(() => [{ scope: 'campaign' as const, id }], [id]));
  // each figure as it arrived, stamped with the browser's clock: the chart shows what this page saw
  const [history, setHistory] = useState<Sample[]>([]);
  const [actionError, setActionError] = useState<string | null>(null);
  // a launch refused for a stale opposition list: the manager may confirm it (the api audits it)
  const [staleList, setStaleList] = useState<string | null>(null);
  const oppositionList = useResource(() => campaignsApi.oppositionList(), [id]);

  useEffect(() => {
    if (progress.data)
      setHistory((current) => [...current, { t: Date.now() / 1000, progress: progress.data! }].slice(-240));
  }, [progress.data]);
  useLiveEvent('campaign.progress', (event) => {
    if (event.campaignId === id) progress.set(() => event);
  });
  useLiveEvent('campaign.status', (event) => {
    if (event.campaignId === id) campaign.reload();
  });

  const act = async (action: CampaignAction, confirmStaleOppositionList?: boolean) => {
    setActionError(null);
    setStaleList(null);
    try {
      const updated = await campaignsApi.act(id, action, confirmStaleOppositionList);
      campaign.set(() => updated);
      progress.reload();
    } catch (failure) {
      campaign.reload();
      if (failure instanceof ApiError && failure.code === 'opposition_list_stale')
        setStaleList(failure.message);
      else setActionError(failure instanceof Error ? failure.message : 'Refused.');
    }
  };
  const recompute = async () => {
    setActionError(null);
    try {
      const updated = await campaignsApi.allocate(id);
      campaign.set(() => updated);
      progress.reload();
    } catch (failure) {
      setActionError(failure instanceof Error ? failure.message : 'Refused.');
    }
  };

  return {
    campaign,
    progress,
    history,
    seats: live.snapshots[`campaign:${id}`]?.totals,
    liveError: live.errors[0]?.message,
    oppositionList: oppositionList.data,
    actionError,
    staleList,
    dismissStaleList: () => setStaleList(null),
    act,
    recompute,
  };
}
