import type { CapacityGroupView } from '@contracts';
import { gapColour, parisDate, parisTime } from './capacity';

/** Sites × 30-minute intervals of one day, coloured by gap. */
export function HeatMap({ groups, day }: { groups: CapacityGroupView[]; day: string }) {
  return (
    <section className="panel" data-testid="gap-heatmap">
      <h2>Gap by 30-minute interval, {day} (Paris time)</h2>
      <div role="img" aria-label={`Gap in seats by site and interval on ${day}`} style={{ overflowX: 'auto' }}>
        {groups.map((group) => (
          <div key={group.key} style={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <span style={{ width: 200, fontSize: 11 }}>{group.label}</span>
            {group.intervals
              .filter((interval) => parisDate(interval.start) === day)
              .map((interval) => (
                <span
                  key={interval.start}
                  data-gap={interval.gap ?? ''}
                  title={`${group.label} ${parisTime(interval.start)}: ${interval.requiredAgents} agents, ${interval.requiredSeats} seats required, gap ${interval.gap ?? 'unknown'}`}
                  style={{
                    width: 12,
                    height: 12,
                    display: 'inline-block',
                    background: gapColour(interval.gap, interval.requiredSeats),
                  }}
                />
              ))}
          </div>
        ))}
      </div>
      <p className="muted">
        Red: fewer staffed seats than required; amber: under 10% spare; green: enough; dark: no demand; grey: no
        staffing report.
      </p>
    </section>
  );
}
