import type { FaultInjector } from '../injector';

/**
 * What a use case asks of the faults: those of its one operation point (latency, timeout, error,
 * crash), met before it does its work. Each domain function takes this port in its deps and calls
 * `atOperation('<service>.<operation>')`; the injector implements it, createRecordingFaults fakes it.
 */
export type OperationFaults = Pick<FaultInjector, 'atOperation'>;
