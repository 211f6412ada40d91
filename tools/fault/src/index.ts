// The lab checks still import these from here; the admin client itself is @tracebed/fault-admin-client.
export { createAdminClient, AdminCallError, type AdminClient, type FaultListing, type ListedRule } from '@tracebed/fault-admin-client';
export { readCliConfig, type CliConfig } from './cli-config';
export { UsageError } from './usage-error';
