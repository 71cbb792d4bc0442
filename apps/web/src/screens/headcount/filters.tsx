import { type GroupBy, GROUPS } from './headcount-series';
import type { HeadcountFilterState } from './use-headcount';

/** Group by, from and to month. */
export function HeadcountFilters({ groupBy, setGroupBy, from, setFrom, to, setTo }: HeadcountFilterState) {
  return (
    <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Headcount filters">
      <label>
        Group by
        <select value={groupBy} onChange={(event) => setGroupBy(event.target.value as GroupBy)}>
          {GROUPS.map((group) => (
            <option key={group.value} value={group.value}>
              {group.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="month"
          value={from}
          max={to}
          onChange={(event) => event.target.value && setFrom(event.target.value)}
        />
      </label>
      <label>
        To
        <input
          type="month"
          value={to}
          min={from}
          onChange={(event) => event.target.value && setTo(event.target.value)}
        />
      </label>
    </form>
  );
}
