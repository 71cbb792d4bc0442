import { number, percent } from '../../lib/figures';

/** Counts by a key, each with its share. */
export function Breakdown({
  title,
  counts,
  name,
}: {
  title: string;
  counts: Array<[string, number]>;
  name(key: string): string;
}) {
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {counts.length === 0 ? (
        <p className="muted">No call yet.</p>
      ) : (
        <ul className="breakdown">
          {counts.map(([key, count]) => (
            <li key={key}>
              <span>{name(key)}</span>
              <strong>{number(count)}</strong>
              <span className="muted">{percent(count / total)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
