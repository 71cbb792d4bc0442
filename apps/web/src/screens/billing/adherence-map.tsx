import type { LineAdherenceMonth } from '@contracts';
import { HeatMapGrid, type HeatRow } from '../../components/heat-map';
import { cellColour, fixed, pct } from './billing-csv';

function rowsOf(month: LineAdherenceMonth): HeatRow[] {
  return month.days.map((day) => ({
    key: day.date,
    label: day.date,
    cells: day.intervals.map((cell) => ({
      key: `${day.date}-${cell.localTime}-${cell.adherence}`,
      colour: cellColour(cell.adherence),
      title: `${day.date} ${cell.localTime}: ${cell.adherence === null ? 'not measured' : pct(cell.adherence)}`,
    })),
  }));
}

/** A site's line adherence: days × 30-minute intervals, with the month's share within tolerance and credits. */
export function AdherenceMap({
  adherence,
  siteName,
  onExport,
}: {
  adherence: LineAdherenceMonth;
  siteName: string;
  onExport(): void;
}) {
  return (
    <section className="panel" data-testid="adherence-heatmap">
      <header className="screen-head">
        {adherence.status === 'not_measurable' ? (
          <h2>
            Line adherence, {siteName}: not measurable ({adherence.reason}); no adherence credit
          </h2>
        ) : (
          <h2>
            Line adherence, {siteName}: {pct(adherence.shareWithinTolerance)} of {adherence.measuredIntervals}{' '}
            intervals within tolerance, {adherence.breaches} breach(es), credits {fixed(adherence.credits)}{' '}
            {adherence.currency ?? ''}
          </h2>
        )}
        <button type="button" onClick={onExport}>
          Export CSV
        </button>
      </header>
      <HeatMapGrid label="Adherence by day and 30-minute interval" rows={rowsOf(adherence)} labelWidth={90} />
      <p className="muted">
        Green within 10%, red under, amber over, grey: no request or no samples (a gap).
      </p>
    </section>
  );
}
