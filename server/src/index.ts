// @aman/server: the hash bank. `aman serve` and `aman platform` use these; tests build apps from
// the same pieces.
export { buildApp, type AppOptions, type Services } from './app.ts';
export { ConfigError, DEFAULT_DATA_DIR, loadConfig, type ServerConfig } from './config.ts';
export { DomainError } from './errors.ts';
export {
  addPlatform,
  createServices,
  DEFAULT_WEB_ROOT,
  listPlatforms,
  resolveStoreLocation,
  startServer,
  StoreUnavailableError,
  type RunningServer,
  type StartOptions,
} from './main.ts';
export { Matcher } from './matcher/matcher.ts';
export { describeLocation, isPostgresUrl, openStore } from './repositories/open-store.ts';
export type { PlatformRecord, Store } from './repositories/store.ts';
export { ChainedAuditTrail, verifyAuditChain, type AuditTrail } from './security/audit-trail.ts';
export { EnvelopeCipher, type DataCipher, type FieldCipher } from './security/field-cipher.ts';
export { Keyring, KeyringError, loadKeyring } from './security/keyring.ts';
export {
  generateEnvKey,
  initKeyFile,
  listKeys,
  retireDataKey,
  rotateDataKeys,
  verifyAudit,
} from './security/operations.ts';
export { BackupError, backupDatabase, restoreDatabase } from './backup.ts';
export { addStaff, listStaff, resetStaff } from './staff-admin.ts';
