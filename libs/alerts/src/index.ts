export * from './domain/alert.entity.js';
export * from './domain/alerts.error.js';
export * from './application/alerts.dto.js';
export * from './application/alerts.service.js';
export * from './http/alerts.responses.js';
export * from './alerts.module.js';
