// The fault admin API from outside a service: its client, and where it listens with which token.
export { createAdminClient, AdminCallError, type AdminClient, type AdminClientOptions, type FaultListing, type ListedRule } from './admin-client';
export { readAdminConfig, readAdminToken, adminTokenFile, AdminConfigError, type AdminConfig, type AdminConfigOptions, type ServiceName } from './admin-config';
