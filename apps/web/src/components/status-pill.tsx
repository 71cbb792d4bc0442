import type { CampaignStatus } from '@contracts';

export function StatusPill({ status }: { status: CampaignStatus }) {
  const tone = status === 'running' ? 'active' : status === 'paused' ? 'paused' : '';
  return (
    <span className={`status-pill ${tone}`} data-testid="campaign-status">
      {status}
    </span>
  );
}

/** A progress bar that says what it measures. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
    </div>
  );
}
