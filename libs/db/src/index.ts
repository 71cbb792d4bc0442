export * from './embedded-postgres.js';
export * from './snake-naming.strategy.js';
export * from './data-source-options.js';
export * from './database-location.js';
export * from './db.module.js';
export * from './migrations/index.js';
export * from './postgres-errors.js';
export * from './scratch-database.js';
