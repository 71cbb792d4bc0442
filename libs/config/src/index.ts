export { AppConfig, ConfigError, addressMatcher, loadConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { jwtSecretOf } from './jwt-secret.js';
