export { AlertQuery } from './application/alerts.dto.js';
export { AlertsService, alertEvent } from './application/alerts.service.js';
export { AlertsHttpModule, AlertsModule } from './alerts.module.js';
