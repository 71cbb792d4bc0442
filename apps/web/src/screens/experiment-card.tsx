import { useMemo, useState } from 'react';
import type { CampaignVerdictView, CampaignView } from '@contracts';
import { ScreenError } from '../components/states';
import { type ChartSeries, seriesColor, TimeChart } from '../components/time-chart';
import { campaignsApi } from '../lib/campaigns-api';
import { number, percent } from '../lib/figures';
import { useResource } from '../lib/use-resource';

const STATUS_LABELS: Record<NonNullable<CampaignVerdictView['status']>, string> = {
  collecting: 'Collecting evidence',
  undecided: 'No difference yet',
  decided: 'Decided',
  equivalent: 'Alike',
  ended: 'Ended',
};

const euros = (value: number | null) => (value === null ? '—' : `${number(value, 2)} €`);

/**
 * The test of a test_and_learn campaign as a card: the verdict in a sentence, the figures per site
 * (conversion with its 95% credible interval, P(best), expected loss, costs), the share trajectory
 * recorded by the allocation, and ending the test keeping the winner.
 */
export function ExperimentCard({
  campaign,
  onChanged,
}: {
  campaign: CampaignView;
  onChanged(updated: CampaignView): void;
}) {
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
    const siteIds = [...new Set(points.map((point) => point.siteId))];
    const series: ChartSeries[] = siteIds.map((siteId, index) => ({
      label: names.get(siteId) ?? siteId,
      color: seriesColor(index),
      percent: true,
      values: x.map((t) => {
        const point = points.find((p) => p.siteId === siteId && Date.parse(p.at) / 1000 === t);
        return point ? Math.round(point.share * 1000) / 10 : null;
      }),
    }));
    return { x, series };
  }, [history.data, names]);

  const end = async () => {
    setError(null);
    try {
      const updated = await campaignsApi.endTest(campaign.id, winner || undefined);
      onChanged(updated);
      verdict.reload();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Refused.');
    }
  };

  const view = verdict.data;
  const ended = view?.status === 'ended';
  const leader = view?.leaderSiteId ? names.get(view.leaderSiteId) : undefined;
  return (
    <section className="panel" aria-labelledby="experiment-title" data-testid="experiment">
      <h2 id="experiment-title">Test and learn{view?.status ? ` · ${STATUS_LABELS[view.status]}` : ''}</h2>
      {verdict.error && <ScreenError error={verdict.error} />}
      {view && (
        <>
          <p data-testid="verdict-sentence">
            <strong>{view.sentence}</strong>
          </p>
          <p className="muted">
            judged on {view.objective === 'sales_per_euro' ? 'sales per euro' : 'conversion'} at{' '}
            {percent(view.confidence)} confidence; the split stays even until every site has{' '}
            {number(view.minReached)} reached contacts
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Reached</th>
                <th scope="col">Sales</th>
                <th scope="col">Conversion (95% interval)</th>
                <th scope="col">P(best)</th>
                <th scope="col">Expected loss</th>
                <th scope="col">Cost / reached</th>
                <th scope="col">Cost / sale</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {view.sites.map((site) => (
                <tr key={site.siteId} data-testid="verdict-row">
                  <th scope="row">{site.siteName}</th>
                  <td>{number(site.reached)}</td>
                  <td>{number(site.sales)}</td>
                  <td>
                    {percent(site.conversion, 1)} ({percent(site.conversionLow, 1)}–
                    {percent(site.conversionHigh, 1)})
                  </td>
                  <td>{percent(site.probabilityBest, 1)}</td>
                  <td>{site.expectedLoss === null ? '—' : number(site.expectedLoss, 4)}</td>
                  <td>{euros(site.costPerReached)}</td>
                  <td>
                    {euros(site.costPerSale)}
                    {site.costSource === 'estimate' && ' (estimate)'}
                  </td>
                  <td>{percent(site.share, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.sites.some((site) => site.costNote) && (
            <p className="muted" data-testid="cost-notes">
              Costs:{' '}
              {view.sites
                .filter((site) => site.costNote)
                .map((site) => `${site.siteName}: ${site.costNote}`)
                .join(' · ')}
            </p>
          )}
        </>
      )}
      {chart.x.length > 0 && (
        <TimeChart x={chart.x} series={chart.series} height={220} label="Share of the volume by site" />
      )}
      {view && !ended && (
        <div className="actions" role="group" aria-label="End the test">
          <label>
            Keep{' '}
            <select
              value={winner}
              onChange={(event) => setWinner(event.target.value)}
              aria-label="Site to keep"
            >
              <option value="">{leader ? `${leader} (the verdict's)` : 'choose a site'}</option>
              {view.sites.map((site) => (
                <option key={site.siteId} value={site.siteId}>
                  {site.siteName}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!winner && !leader} onClick={end}>
            End the test and keep the winner
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
