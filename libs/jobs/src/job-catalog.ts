/**
 * Every job Plateau runs, with its payload. One queue ("plateau") carries them all; a job's
 * name picks its handler. Contexts add their jobs here.
 */
export interface JobCatalog {
  /** Smoke job used by the jobs layer's own tests. */
  'system.echo': { value: string };
  /** Samples live seat states into seat-minute occupancy rows and saves seat states (libs/live). */
  'live.rollup': { at?: string };
  /** Raises and resolves live alerts: staffed seats below target, silent seat feeds (libs/live). */
  'live.alerts': { at?: string };
  /** Samples seats by site and campaign for activity figures, publishes them, checks wall thresholds (libs/wallboard). */
  'wallboard.rollup': { at?: string };
  /** Opens/resolves 'staffing.missing_report' alerts for sites late with their daily report (libs/staffing). */
  'staffing.missing-reports': { at?: string };
  /** Forgets stored Idempotency-Key answers older than their retention (libs/staffing). */
  'staffing.purge-idempotency': Record<string, never>;
  /** Merges a staged contact import into its campaign, chunk by chunk, resumable (libs/campaigns). */
  'campaigns.import': { importId: string };
  /** Recomputes and publishes the split of volume between sites (one campaign, or every live one). */
  'campaigns.allocate': { campaignId?: string };
  /** Returns the unreported contacts of expired leases to the pool (libs/campaigns). */
  'campaigns.expire-leases': { at?: string };
  /** Resumes imports whose merge job is gone, fails those whose job gave up (libs/campaigns). */
  'campaigns.recover-imports': Record<string, never>;
}

export type JobName = keyof JobCatalog;

export const QUEUE_NAME = 'plateau';
