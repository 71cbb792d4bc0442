import { useMemo, useState } from 'react';
import type { CampaignView } from '@contracts';
import { campaignsApi } from '../../lib/campaigns-api';
import { useResource } from '../../lib/use-resource';
import { shareSeries } from './shares';

/** A test_and_learn campaign's verdict, its share trajectory as chart series, and ending the test. */
export function useExperiment(campaign: CampaignView, onChanged: (updated: CampaignView) => void) {
  const verdict = useResource(
    () => campaignsApi.verdict(campaign.id),
    [campaign.id, campaign.allocationComputedAt],
  );
  const history = useResource(
    () => campaignsApi.shareHistory(campaign.id),
    [campaign.id, campaign.allocationComputedAt],
  );
  const [winner, setWinner] = useState('');
  const [error, setError] = useState<string | null>(null);
  const names = useMemo(
    () => new Map(campaign.sites.map((site) => [site.siteId, site.siteName ?? site.siteId])),
    [campaign.sites],
  );

  const chart = useMemo(() => {
    const points = history.data?.points ?? [];
    const x = [...new Set(points.map((point) => Date.parse(point.at) / 1000))];
    const sites = [...new Set(points.map((point) => point.siteId))].map((id) => ({
      id,
      label: names.get(id) ?? id,
    }));
    const series = shareSeries(
      sites,
      x.length,
      (siteId, index) =>
        points.find((p) => p.siteId === siteId && Date.parse(p.at) / 1000 === x[index])?.share,
    );
    return { x, series };
  }, [history.data, names]);

  const end = async () => {
    setError(null);
    try {
      onChanged(await campaignsApi.endTest(campaign.id, winner || undefined));
      verdict.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Refused.');
    }
  };

  const view = verdict.data;
  return {
    verdict,
    chart,
    winner,
    setWinner,
    leader: view?.leaderSiteId ? names.get(view.leaderSiteId) : undefined,
    end,
    error,
  };
}
