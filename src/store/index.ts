export * from './store.js';
export {
  openStore,
  StoreOpenError,
  describeLocation,
  type StoreLocation,
  type OpenStoreOptions,
} from './open-store.js';
export { maskDatabaseUrl } from './faults.js';
export { effectiveSettings, type EffectiveSettings, type SettingsDefaults } from './settings.js';
