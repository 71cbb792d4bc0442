export { LoggingModule } from './logging.module.js';
export { Metrics, MetricsModule } from './metrics.js';
export { requestIdOf } from './request-id.js';
