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
    <dl className="key-figures">
      <div>
        <dt>Occupancy</dt>
        <dd data-testid="occupancy">{percent(figures.occupancy)}</dd>
      </div>
      <div>
        <dt title="seats not offline / seats installed">Staffed / installed</dt>
        <dd data-testid="staffed">
          {number(figures.staffed)} <span className="muted">/ {number(figures.installedSeats)}</span>
        </dd>
      </div>
      <div>
        <dt>On call</dt>
        <dd data-testid="on-call">{number(figures.counts.on_call)}</dd>
      </div>
      <div>
        <dt>Headcount</dt>
        <dd data-testid="headcount">{number(figures.headcount)}</dd>
      </div>
    </dl>
  );
}
