import type { CampaignAction, CampaignStatus } from '#contracts';

/**
 * draft -> scheduled -> running <-> paused -> completed | cancelled. `launch` goes straight to
 * running when the start is due; a scheduled campaign starts running when its start comes.
 */
const TRANSITIONS: Record<CampaignAction, readonly CampaignStatus[]> = {
  launch: ['draft'],
  pause: ['running'],
  resume: ['paused'],
  complete: ['running', 'paused'],
  cancel: ['draft', 'scheduled', 'running', 'paused'],
};

export function canApply(action: CampaignAction, from: CampaignStatus): boolean {
  return TRANSITIONS[action].includes(from);
}

/** The status an action leads to (launch depends on whether the start is due). */
export function nextStatus(action: CampaignAction, startsAt: Date | null, now: Date): CampaignStatus {
  switch (action) {
    case 'launch':
      return startsAt && startsAt > now ? 'scheduled' : 'running';
    case 'pause':
      return 'paused';
    case 'resume':
      return 'running';
    case 'complete':
      return 'completed';
    case 'cancel':
      return 'cancelled';
  }
}

export function allowedFrom(action: CampaignAction): readonly CampaignStatus[] {
  return TRANSITIONS[action];
}

/** Statuses in which contacts may be leased (a scheduled campaign once its start has come). */
export const DISPATCHABLE: readonly CampaignStatus[] = ['running'];
