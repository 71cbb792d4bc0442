import type { PlanningQueueView } from '@contracts';
import { ScreenError } from '../../components/states';
import { pct } from './capacity';
import { useWhatIf } from './use-what-if';

/** A number input that keeps the last valid figure; an optional one may be emptied. */
function FigureInput({
  label,
  value,
  set,
  step = 1,
  clear,
}: {
  label: string;
  value: number | '';
  set(value: number): void;
  step?: number;
  clear?(): void;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        step={step}
        value={value}
        aria-label={label}
        onChange={(event) => {
          if (clear && event.target.value === '') return clear();
          const parsed = Number(event.target.value);
          if (event.target.value !== '' && Number.isFinite(parsed)) set(parsed);
        }}
      />
    </label>
  );
}

/** What-if: the queue's first forecast day at the figures typed; answers as they change. */
export function WhatIfPanel({ queue, calls }: { queue: PlanningQueueView; calls: number[] }) {
  const { figures: f, answer, error } = useWhatIf(queue, calls);
  return (
    <section className="panel" data-testid="what-if">
      <h2>
        What-if: {queue.name}, first forecast day ({calls.reduce((sum, c) => sum + c, 0)} calls)
      </h2>
      <div className="form-grid">
        <FigureInput label="AHT (s)" value={f.aht} set={f.setAht} />
        <FigureInput label="Service level" value={f.level} set={f.setLevel} step={0.01} />
        <FigureInput label="within (s)" value={f.seconds} set={f.setSeconds} />
        <FigureInput label="Shrinkage" value={f.shrinkage} set={f.setShrinkage} step={0.01} />
        <FigureInput
          label="Patience (s)"
          value={f.patience}
          set={f.setPatience}
          clear={() => f.setPatience('')}
        />
      </div>
      {error ? (
        <ScreenError error={error} />
      ) : answer ? (
        <p data-testid="what-if-answer">
          {answer.model === 'erlang_a' ? 'Erlang A' : 'Erlang C'}: peak {answer.peakScheduledAgents} scheduled
          agents, {answer.scheduledAgentHours} agent-hours, service level {pct(answer.serviceLevel)},
          abandonment {pct(answer.probabilityOfAbandoning)}
        </p>
      ) : (
        <p className="muted">…</p>
      )}
    </section>
  );
}
