import type { CampaignAction, CampaignView, OppositionListStatus } from '@contracts';
import { StatusPill } from '../../components/status-pill';
import { ACTIONS_FROM, STRATEGY_LABELS } from '../../lib/campaigns-api';
import { number } from '../../lib/figures';

const ACTION_LABELS: Array<[CampaignAction, string]> = [
  ['launch', 'Launch'],
  ['pause', 'Pause'],
  ['resume', 'Resume'],
  ['complete', 'Complete'],
];

/** The campaign's name, status and lifecycle buttons (each enabled only from the statuses it applies to). */
export function CampaignHead({
  view,
  onAct,
}: {
  view: CampaignView | undefined;
  onAct(action: CampaignAction): void;
}) {
  return (
    <header className="screen-head">
      <h1>{view?.name ?? 'Campaign'}</h1>
      {view && <StatusPill status={view.status} />}
      <div className="actions" role="group" aria-label="Lifecycle">
        {ACTION_LABELS.map(([action, label]) => (
          <button
            key={action}
            type="button"
            className={action === 'pause' ? 'ghost' : undefined}
            disabled={!view || !ACTIONS_FROM[action].includes(view.status)}
            onClick={() => onAct(action)}
          >
            {label}
          </button>
        ))}
      </div>
    </header>
  );
}

/** A launch refused for a stale opposition list, which the manager may confirm. */
export function StaleListDialog({
  message,
  onLaunch,
  onCancel,
}: {
  message: string;
  onLaunch(): void;
  onCancel(): void;
}) {
  return (
    <div className="error" role="alertdialog" aria-label="Stale opposition list" data-testid="stale-list">
      <p>{message}</p>
      <button type="button" onClick={onLaunch}>
        Launch anyway (recorded in the audit trail)
      </button>
      <button type="button" className="ghost" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/** How old the opposition list (Bloctel) is. */
export function OppositionListAge({ list }: { list: OppositionListStatus }) {
  return (
    <p className="muted" data-testid="opposition-list">
      Opposition list (Bloctel):{' '}
      {list.lastRefreshAt
        ? `last refreshed ${new Date(list.lastRefreshAt).toLocaleDateString('en-GB')} (${list.ageDays} day(s) ago)`
        : 'never refreshed'}
      {list.stale ? ' — older than 30 days: refresh it before launching' : ''}
    </p>
  );
}

/** Product, strategy, caller number, contacts against target, objective. */
export function CampaignSummary({ view }: { view: CampaignView }) {
  return (
    <p className="muted">
      {view.product} · {STRATEGY_LABELS[view.allocationStrategy]} · caller {view.callerNumber} ·{' '}
      {number(view.contactCount)} contacts of {number(view.targetVolume)} targeted
      {view.objective ? ` · ${view.objective}` : ''}
    </p>
  );
}
