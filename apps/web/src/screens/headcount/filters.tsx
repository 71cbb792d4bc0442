import { type GroupBy, GROUPS } from './headcount-series';
import type { HeadcountFilterState } from './use-headcount';
import { Choice } from '../../components/choice';

/** Group by, from and to month. */
export function HeadcountFilters({ groupBy, setGroupBy, from, setFrom, to, setTo }: HeadcountFilterState) {
  return (
    <form className="toolbar" onSubmit={(event) => event.preventDefault()} aria-label="Headcount filters">
      <label>
        Group by
        <Choice<GroupBy> value={groupBy} options={GROUPS} onChange={setGroupBy} />
      </label>
      {[
        { label: 'From', value: from, set: setFrom, max: to },
        { label: 'To', value: to, set: setTo, min: from },
      ].map(({ label, value, set, ...bounds }) => (
        <label key={label}>
          {label}
          <input
            type="month"
            value={value}
            {...bounds}
            onChange={(event) => event.target.value && set(event.target.value)}
          />
        </label>
      ))}
    </form>
  );
}
