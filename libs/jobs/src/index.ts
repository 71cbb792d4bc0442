export * from './job-catalog.js';
export * from './job-queue.js';
export * from './inline-job-queue.js';
export * from './bullmq-job-queue.js';
export * from './jobs.module.js';
export * from './context-jobs.js';
