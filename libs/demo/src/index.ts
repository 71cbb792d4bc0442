export { DEMO_NETWORK, DEMO_USERS } from './demo-network.js';
export { DemoSeeder } from './demo-seeder.js';
export { DemoModule } from './demo.module.js';
export { demoVolumes } from './demo-volumes.js';
