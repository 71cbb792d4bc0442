import type { ReactNode } from 'react';
import type { OccupancyFigures, SeatStateCounts } from '@contracts';
import { number, percent, STATE_LABELS, STATE_ORDER } from '../lib/figures';

/** Seats by state as one stacked bar, with the counts spelled out for screen readers. */
export function StateBar({ counts, seats }: { counts: SeatStateCounts; seats: number }) {
  const summary = STATE_ORDER.map((state) => `${STATE_LABELS[state]} ${counts[state]}`).join(', ');
  return (
    <div className="state-bar" role="img" aria-label={`Seats by state: ${summary}`}>
      {STATE_ORDER.map((state) =>
        counts[state] ? (
          <span
            key={state}
            className={`seg ${state}`}
            style={{ flexGrow: counts[state] }}
            title={`${STATE_LABELS[state]}: ${counts[state]}`}
          />
        ) : null,
      )}
      {seats === 0 && <span className="seg none" style={{ flexGrow: 1 }} />}
    </div>
  );
}

export function StateLegend({ counts }: { counts: SeatStateCounts }) {
  return (
    <dl className="legend">
      {STATE_ORDER.map((state) => (
        <div key={state} className={`legend-item ${state}`} data-state={state}>
          <dt>
            <span className={`swatch ${state}`} aria-hidden="true" />
            {STATE_LABELS[state]}
          </dt>
          <dd>{number(counts[state])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The four figures every tile shows. */
export function KeyFigures({ figures }: { figures: OccupancyFigures }) {
  return (
    <FigureList
      figures={[
        { label: 'Occupancy', value: percent(figures.occupancy), testId: 'occupancy' },
        {
          label: 'Staffed / installed',
          title: 'seats not offline / seats installed',
          value: number(figures.staffed),
          of: number(figures.installedSeats),
          testId: 'staffed',
        },
        { label: 'On call', value: number(figures.counts.on_call), testId: 'on-call' },
        { label: 'Headcount', value: number(figures.headcount), testId: 'headcount' },
      ]}
    />
  );
}

export interface Figure {
  label: string;
  value: ReactNode;
  /** shown small after the value: "/ 120" */
  of?: ReactNode;
  testId?: string;
  title?: string;
}

/** A row of big figures with their labels (tiles, totals). */
export function FigureList({ figures }: { figures: Figure[] }) {
  return (
    <dl className="key-figures">
      {figures.map((figure) => (
        <div key={figure.label}>
          <dt title={figure.title}>{figure.label}</dt>
          <dd data-testid={figure.testId}>
            {figure.value}
            {figure.of !== undefined && (
              <>
                {' '}
                <span className="muted of">/ {figure.of}</span>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
