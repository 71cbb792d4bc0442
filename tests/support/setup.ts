import 'reflect-metadata';
import { randomBytes } from 'node:crypto';

process.env.LOG_LEVEL ??= 'silent';
process.env.NODE_ENV = 'test';
// a secret per test run, as an operator would set it (required with DATABASE_URL; child
// processes and every api node a test starts inherit it)
process.env.JWT_SECRET ||= randomBytes(32).toString('base64url');
