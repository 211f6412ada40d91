export * from './points';
export * from './rule';
export * from './grammar';
export * from './baggage';
export * from './fault-store';
export * from './injector';
export { createRecordingFaults } from './recording-faults';
export type { OperationFaults } from './adapters/operations';
export { faultsBeforeCall, type CallFaults, type CallFaultEffects } from './adapters/calls';
export { applyMessageFaults, type MessageFaults, type FaultOutcome } from './adapters/messages';
export { withDatabaseFaults, type ConnectingPool } from './adapters/sql';
export { createSlowQueryLimit, REQUEST_SLOW_QUERY_BOUNDS, type SlowQueryBounds, type SlowQueryLease, type SlowQueryLimit } from './adapters/slow-query-limit';
export { FAULT_HEADER, requestFaultsOfHeader } from './adapters/requests';
export { createFaultedRequestGate, FAULTED_REQUESTS_IN_FLIGHT, type FaultedRequestAdmission, type FaultedRequestGate } from './adapters/request-limit';
export {
  createAdminTokenCheck,
  createFaultAdmin,
  FaultSettingsRejected,
  type AdminAccess,
  type AdminListing,
  type FaultAdmin,
  type FaultAdminOptions,
  type PresentedRule,
} from './adapters/admin';
