import { FaultSpecError, formatSpec, parseSpec } from '../grammar';

/** The header a client names per-request faults in; the gateway alone reads it. */
export const FAULT_HEADER = 'x-fault';

/**
 * The spec an `X-Fault` header asks for, in canonical form, ready for the request's baggage.
 * Throws FaultSpecError when the header is malformed or asks for a `crash` (admin API only).
 */
export function requestFaultsOfHeader(header: string | string[]): string {
  const rules = parseSpec(Array.isArray(header) ? header.join(',') : header);
  const crash = rules.find((rule) => rule.kind === 'crash');
  if (crash) throw new FaultSpecError(`${crash.target}=crash: crash faults are set through the admin API only`);
  return formatSpec(rules);
}
