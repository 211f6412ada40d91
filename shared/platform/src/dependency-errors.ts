import { BrokerUnavailableError } from './amqp/errors';

// SQLSTATE classes and codes that mean "the database is not there right now", as opposed
// to "this statement is wrong": connection exceptions, shutdown in progress, too many clients.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** True for failures of a dependency's availability, which deserve a 503 and a retry, not a 500. */
export function isDependencyUnavailable(error: unknown): boolean {
  if (error instanceof BrokerUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /timeout exceeded when trying to connect|Connection terminated|Query read timeout|canceling statement due to statement timeout/i.test(message);
}
