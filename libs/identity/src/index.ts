export { Role } from './access/role.js';
export { AccessGuard } from './access/access.guard.js';
export { IdentityError } from './domain/identity.error.js';
export { UsersService } from './application/users.service.js';
export { ApiKeysService } from './application/api-keys.service.js';
export { AuditTrail } from './application/audit-trail.js';
export { AccessRevocations } from './application/access-revocations.js';
export { AuditInterceptor, entityOf } from './http/audit.interceptor.js';
export { IdentityHttpModule, IdentityModule } from './identity.module.js';
