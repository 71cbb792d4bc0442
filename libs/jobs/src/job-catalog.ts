/**
 * Every job Plateau runs, with its payload. One queue ("plateau") carries them all; a job's
 * name picks its handler. Contexts add their jobs here.
 */
export interface JobCatalog {
  /** Smoke job used by the jobs layer's own tests. */
  'system.echo': { value: string };
}

export type JobName = keyof JobCatalog;

export const QUEUE_NAME = 'plateau';
