import type { CapacityGroupView } from '@contracts';
import { HeatMapGrid, type HeatRow } from '../../components/heat-map';
import { gapColour, parisDate, parisTime } from './capacity';

function rowsOf(groups: CapacityGroupView[], day: string): HeatRow[] {
  return groups.map((group) => ({
    key: group.key,
    label: group.label,
    cells: group.intervals
      .filter((interval) => parisDate(interval.start) === day)
      .map((interval) => ({
        key: interval.start,
        colour: gapColour(interval.gap, interval.requiredSeats),
        title: `${group.label} ${parisTime(interval.start)}: ${interval.requiredAgents} agents, ${interval.requiredSeats} seats required, gap ${interval.gap ?? 'unknown'}`,
        data: { 'data-gap': interval.gap ?? '' },
      })),
  }));
}

/** Sites × 30-minute intervals of one day, coloured by gap. */
export function HeatMap({ groups, day }: { groups: CapacityGroupView[]; day: string }) {
  return (
    <section className="panel" data-testid="gap-heatmap">
      <h2>Gap by 30-minute interval, {day} (Paris time)</h2>
      <HeatMapGrid
        label={`Gap in seats by site and interval on ${day}`}
        rows={rowsOf(groups, day)}
        labelWidth={200}
      />
      <p className="muted">
        Red: fewer staffed seats than required; amber: under 10% spare; green: enough; dark: no demand; grey:
        no staffing report.
      </p>
    </section>
  );
}
