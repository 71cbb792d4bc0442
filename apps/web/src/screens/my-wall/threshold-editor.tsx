import { type FormEvent, useState } from 'react';
import { THRESHOLD_METRICS, THRESHOLD_OPS, type TileThreshold } from '@contracts';
import { METRIC_LABELS, thresholdLabel } from '../../components/wall-tile';
import { Choice } from '../../components/choice';

const SHARE_METRICS = new Set(['occupancy', 'reachRate', 'conversion']);

/** A tile's thresholds: listed with a remove button, and a form to add one (shares typed in %). */
export function ThresholdEditor({
  title,
  thresholds,
  onChange,
}: {
  title: string;
  thresholds: TileThreshold[];
  onChange(thresholds: TileThreshold[]): void;
}) {
  const [metric, setMetric] = useState<TileThreshold['metric']>('occupancy');
  const [op, setOp] = useState<TileThreshold['op']>('below');
  const [value, setValue] = useState('60');
  const add = (event: FormEvent) => {
    event.preventDefault();
    const raw = Number(value);
    const share = op === 'falling' || SHARE_METRICS.has(metric);
    onChange([...thresholds, { metric, op, value: share ? raw / 100 : raw }]);
  };
  return (
    <>
      <ul className="thresholds">
        {thresholds.map((threshold, index) => (
          <li key={index}>
            {thresholdLabel(threshold)}{' '}
            <button
              type="button"
              className="ghost"
              onClick={() => onChange(thresholds.filter((_, other) => other !== index))}
            >
              Remove threshold
            </button>
          </li>
        ))}
      </ul>
      <form className="wall-row" onSubmit={add} aria-label={`Threshold of ${title}`}>
        <Choice<TileThreshold['metric']>
          aria-label="Metric"
          value={metric}
          options={THRESHOLD_METRICS.map((name) => ({ value: name, label: METRIC_LABELS[name] }))}
          onChange={setMetric}
        />
        <Choice<TileThreshold['op']>
          aria-label="When"
          value={op}
          options={THRESHOLD_OPS.map((name) => ({ value: name, label: name }))}
          onChange={setOp}
        />
        <input
          aria-label="Value"
          type="number"
          min={0}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="ghost">
          Add threshold
        </button>
      </form>
    </>
  );
}
