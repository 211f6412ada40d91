export * from './points';
export * from './rule';
export * from './grammar';
export * from './baggage';
export * from './fault-store';
export * from './injector';
export { createAdminClient, AdminCallError, type AdminClient, type FaultListing, type ListedRule } from './admin-client';
export { readCliConfig, readAdminToken, adminTokenFile, UsageError, type CliConfig } from './cli-config';
export { createRecordingFaults } from './recording-faults';
