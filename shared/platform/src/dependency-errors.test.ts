import { describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from './amqp/errors';
import { isDependencyUnavailable } from './dependency-errors';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it('is true when the broker could not take a message', () => {
    expect(isDependencyUnavailable(new BrokerUnavailableError('no channel'))).toBe(true);
  });

  it('is true when the connection was refused (ECONNREFUSED)', () => {
    expect(isDependencyUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
  });

  it('is true when PostgreSQL is shutting down (SQLSTATE 57P01)', () => {
    expect(isDependencyUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
  });

  it('is true when the pool timed out connecting, known only by its message', () => {
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('is true when the connection dropped mid-query', () => {
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('is false for a syntax error (SQLSTATE 42601): the statement is wrong, not the database', () => {
    expect(isDependencyUnavailable(withCode('syntax error at or near "SELEC"', '42601'))).toBe(false);
  });

  it('is false for a plain Error', () => {
    expect(isDependencyUnavailable(new Error('boom'))).toBe(false);
  });

  it('is false for things that are not errors at all', () => {
    expect(isDependencyUnavailable(null)).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
    expect(isDependencyUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDependencyUnavailable({ code: 57 })).toBe(false);
  });
});
