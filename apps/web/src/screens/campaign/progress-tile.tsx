import type { CampaignProgress } from '@contracts';
import { FigureList } from '../../components/figures';
import { ProgressBar } from '../../components/status-pill';
import { number, percent } from '../../lib/figures';

/** Contacts worked, attempts, sales and conversion. */
export function ProgressTile({ progress }: { progress: CampaignProgress }) {
  return (
    <section className="tile network-tile" aria-label="Campaign progress" data-testid="campaign-progress">
      <h2>Progress</h2>
      <FigureList
        figures={[
          {
            label: 'Done / contacts',
            value: number(progress.done),
            of: number(progress.contacts),
            testId: 'done',
          },
          { label: 'Attempts', value: number(progress.attempts) },
          { label: 'Sales', value: number(progress.sales) },
          { label: 'Conversion', value: percent(progress.conversion, 1), testId: 'conversion' },
        ]}
      />
      <ProgressBar value={progress.done} max={progress.contacts} label="Contacts worked" />
    </section>
  );
}
