import type { CampaignVerdictView, CampaignView } from '@contracts';
import { ScreenError } from '../../components/states';
import { TimeChart } from '../../components/time-chart';
import { number, percent } from '../../lib/figures';
import { useExperiment } from './use-experiment';
import { VerdictTable } from './verdict-table';
import { Choice, optionsOf } from '../../components/choice';

const STATUS_LABELS: Record<NonNullable<CampaignVerdictView['status']>, string> = {
  collecting: 'Collecting evidence',
  undecided: 'No difference yet',
  decided: 'Decided',
  equivalent: 'Alike',
  ended: 'Ended',
};

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
  const { verdict, chart, winner, setWinner, leader, end, error } = useExperiment(campaign, onChanged);
  const view = verdict.data;
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
          <VerdictTable sites={view.sites} />
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
      {view && view.status !== 'ended' && (
        <div className="actions" role="group" aria-label="End the test">
          <label>
            Keep{' '}
            <Choice
              value={winner}
              options={optionsOf(
                view.sites.map((site) => ({ id: site.siteId, name: site.siteName })),
                leader ? `${leader} (the verdict's)` : 'choose a site',
              )}
              onChange={setWinner}
              aria-label="Site to keep"
            />
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
