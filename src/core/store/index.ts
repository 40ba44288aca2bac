// The encrypted vault: files, keys, schema, typed queries and full-text search.
export { Vault, type VaultSettings, HEADER_FILE, NEXT_HEADER_FILE, DB_FILE } from './vault.js';
export { wipeVault, VAULT_KEY_FILES, VAULT_DATA_FILES, type WipeFs, type WipeHandle, type WipeOptions, type WipeReport } from './wipe.js';
export { type VaultHeader, HEADER_FORMAT, HEADER_VERSION, parseHeader } from './header.js';
export { SCHEMA_VERSION } from './migrations/index.js';
export { toFtsQuery, MAX_QUERY_LENGTH } from './queries.js';
export * from './types.js';
