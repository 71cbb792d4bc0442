import type { HeadcountPoint } from '@contracts';
import { FigureList } from '../../components/figures';
import { monthLabel, number, percent } from '../../lib/figures';
import { growthText } from './headcount-series';

/** The network's figures for the last month; a month in progress says so, its figures are "so far". */
export function HeadcountTotals({
  latest,
  inProgress,
}: {
  latest: HeadcountPoint;
  inProgress: string | null;
}) {
  return (
    <section
      className="tile network-tile"
      aria-label={`Totals for ${latest.month}`}
      data-testid="headcount-totals"
    >
      <h2>
        {monthLabel(latest.month)}
        {inProgress && (
          <span className="muted partial" data-testid="partial-month">
            {' '}
            ({inProgress})
          </span>
        )}
      </h2>
      <FigureList
        figures={[
          {
            label: 'Headcount / plan',
            value: number(latest.headcount),
            of: number(latest.plan),
            testId: 'total-headcount',
          },
          // a month in progress is not a month: its attrition and growth are so far
          { label: inProgress ? 'Growth (so far)' : 'Growth (month)', value: growthText(latest.growthPct) },
          {
            label: inProgress ? 'Attrition (so far)' : 'Attrition (month)',
            value: percent(latest.attritionRate, 1),
          },
          { label: 'In training', value: percent(latest.trainingShare, 0) },
        ]}
      />
    </section>
  );
}
