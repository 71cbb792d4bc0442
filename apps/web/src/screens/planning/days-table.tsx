import type { CapacityGroupView } from '@contracts';
import { EmptyRow, TableHead } from '../../components/table-head';
import { gapColour, parisDate, parisTime, worstGapByDay } from './capacity';

/** Sites × days: each day's worst gap, a button that shows that day in the heat map. */
export function DaysTable({
  groups,
  dates,
  forecastFrom,
  loading,
  onDay,
}: {
  groups: CapacityGroupView[];
  dates: string[];
  forecastFrom: string | null | undefined;
  loading: boolean;
  onDay(date: string): void;
}) {
  return (
    <section className="panel">
      <table data-testid="capacity-days">
        <caption>
          Worst gap of each day in seats (staffed seats of the latest staffing report − required seats)
          {forecastFrom ? `; demand forecast from ${parisDate(forecastFrom)} ${parisTime(forecastFrom)}` : ''}
        </caption>
        <TableHead columns={['Site', 'Staffed seats', 'Live', ...dates.map((date) => date.slice(5))]} />
        <tbody>
          {groups.length ? (
            groups.map((group) => {
              const worst = worstGapByDay(group);
              return (
                <tr key={group.key}>
                  <td>{group.label}</td>
                  <td>{group.staffedSeats ?? '–'}</td>
                  <td>{group.liveAgents}</td>
                  {dates.map((date) => {
                    const cell = worst.get(date) ?? { gap: null, required: 0 };
                    return (
                      <td key={date}>
                        <button
                          type="button"
                          className="link"
                          title={`${group.label}, ${date}: peak ${cell.required} seats required`}
                          onClick={() => onDay(date)}
                          style={{ background: gapColour(cell.gap, cell.required), width: '100%' }}
                        >
                          {cell.required === 0 ? '·' : (cell.gap ?? '?')}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })
          ) : (
            <EmptyRow columns={3 + dates.length}>{loading ? 'Loading…' : 'No sites'}</EmptyRow>
          )}
        </tbody>
      </table>
    </section>
  );
}
