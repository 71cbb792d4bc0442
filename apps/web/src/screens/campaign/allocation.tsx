import { useMemo } from 'react';
import type { CampaignProgress, CampaignView } from '@contracts';
import { TimeChart } from '../../components/time-chart';
import { AllocationTable } from './allocation-table';
import { ProgressTile } from './progress-tile';
import { type Sample, shareSeries } from './shares';

/** Progress, the allocation by site, and how the shares moved while the page was open. */
export function Allocation({
  campaign,
  progress,
  history,
  onRecompute,
}: {
  campaign: CampaignView;
  progress: CampaignProgress;
  history: Sample[];
  onRecompute(): void;
}) {
  const x = useMemo(() => history.map((sample) => sample.t), [history]);
  const shares = useMemo(
    () =>
      shareSeries(
        progress.bySite.map((site) => ({ id: site.siteId, label: site.siteName })),
        history.length,
        (siteId, index) =>
          history[index].progress.bySite.find((candidate) => candidate.siteId === siteId)?.share,
      ),
    [history, progress.bySite],
  );
  return (
    <>
      <ProgressTile progress={progress} />
      <div className="columns">
        <AllocationTable campaign={campaign} progress={progress} onRecompute={onRecompute} />
        <section className="panel" aria-labelledby="shift-title">
          <h2 id="shift-title">Allocation over time (since this page opened)</h2>
          {history.length > 1 ? (
            <TimeChart x={x} series={shares} height={240} label="Share of the volume by site over time" />
          ) : (
            <p className="muted">The chart fills as the allocation is recomputed.</p>
          )}
        </section>
      </div>
    </>
  );
}
