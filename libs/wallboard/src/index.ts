export { ActivityRollup } from './application/activity-rollup.js';
export { THRESHOLD_ALERT } from './application/wall-thresholds.js';
export { WallboardHttpModule, WallboardModule } from './wallboard.module.js';
