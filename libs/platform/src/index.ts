export { PlatformModule } from './platform.module.js';
export { ReadinessChecks } from './readiness.js';
