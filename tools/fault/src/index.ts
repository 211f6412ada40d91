// What the other tools (labs, experiments) share with the fault CLI: the admin API client and its configuration.
export { createAdminClient, AdminCallError, type AdminClient, type FaultListing, type ListedRule } from './admin-client';
export { readCliConfig, readAdminToken, adminTokenFile, type CliConfig } from './cli-config';
export { UsageError } from './usage-error';
