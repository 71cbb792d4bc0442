import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, jwtSecretOf } from '#config';
import { Authenticator } from './access/authenticator.js';
import { AccessRevocations } from './application/access-revocations.js';
import { ApiKeysService } from './application/api-keys.service.js';
import { AuditTrail } from './application/audit-trail.js';
import { AuthService } from './application/auth.service.js';
import { CredentialsAuthenticator } from './application/credentials-authenticator.js';
import { ReferenceChecks } from './application/network-references.port.js';
import { PasswordHasher } from './application/password-hasher.js';
import { UsersService } from './application/users.service.js';
import { ApiKey } from './domain/api-key.entity.js';
import { AuditEvent } from './domain/audit-event.entity.js';
import { User } from './domain/user.entity.js';
import { AdminController } from './http/admin.controller.js';
import { AuthController } from './http/auth.controller.js';
import { IdentityStore } from './store/identity.store.js';

const services = [PasswordHasher, AuthService, UsersService, ApiKeysService, AuditTrail, AccessRevocations];

/** Users, keys, tokens and the audit trail. Global: every context authenticates through it. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, ApiKey, AuditEvent]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      // a key object, not the string: jsonwebtoken otherwise tries (and fails) to read the string
      // as a public key on every verification, a few per cent of the api's CPU under load
      useFactory: async (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(await jwtSecretOf(config))),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    IdentityStore,
    ReferenceChecks,
    ...services,
    { provide: Authenticator, useClass: CredentialsAuthenticator },
  ],
  exports: [...services, Authenticator],
})
export class IdentityModule {}

@Module({ imports: [IdentityModule], controllers: [AuthController, AdminController] })
export class IdentityHttpModule {}
