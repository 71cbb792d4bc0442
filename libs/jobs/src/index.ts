export { QUEUE_NAME } from './job-catalog.js';
export { JobHandlers, JobQueue, type JobContext } from './job-queue.js';
export { InlineJobQueue } from './inline-job-queue.js';
export { BullMqJobQueue, dueAtOf } from './bullmq-job-queue.js';
export { JobsModule, PROCESS_JOBS } from './jobs.module.js';
export { ContextJobs, contextJob, type ContextJob } from './context-jobs.js';
