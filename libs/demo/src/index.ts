export * from './demo-network.js';
export * from './demo-seeder.js';
export * from './demo.module.js';
export * from './demo-volumes.js';
