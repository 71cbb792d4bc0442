/** One cell of a heat map: its colour, what it says on hover, and attributes for tests and tools. */
export interface HeatCell {
  key: string;
  colour: string;
  title: string;
  data?: Record<`data-${string}`, string | number>;
}

export interface HeatRow {
  key: string;
  label: string;
  cells: HeatCell[];
}

/** Rows of small coloured squares (days or sites × 30-minute intervals), scrolling sideways if wide. */
export function HeatMapGrid({
  label,
  rows,
  labelWidth,
}: {
  label: string;
  rows: HeatRow[];
  labelWidth: number;
}) {
  return (
    <div role="img" aria-label={label} style={{ overflowX: 'auto' }}>
      {rows.map((row) => (
        <div key={row.key} style={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <span style={{ width: labelWidth, fontSize: 11 }}>{row.label}</span>
          {row.cells.map((cell) => (
            <span
              key={cell.key}
              {...cell.data}
              title={cell.title}
              style={{ width: 12, height: 12, display: 'inline-block', background: cell.colour }}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
