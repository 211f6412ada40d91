import { describe, expect, it } from 'vitest';
import { formatExpiresIn, formatTable } from './fault-table';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');
const inSeconds = (seconds: number) => new Date(NOW + seconds * 1_000).toISOString();

describe('formatExpiresIn', () => {
  it.each([
    [45, '45s'],
    [59.2, '1m 0s'],
    [598, '9m 58s'],
    [3_600, '1h 0m'],
    [3_725, '1h 2m'],
    [0.4, '1s'],
    [0, 'expired'],
    [-30, 'expired'],
  ])('shows %s seconds left as %s', (seconds, text) => {
    expect(formatExpiresIn(inSeconds(seconds), NOW)).toBe(text);
  });

  it('shows a rule without a TTL as never expiring', () => {
    expect(formatExpiresIn(undefined, NOW)).toBe('never');
  });
});

describe('formatTable', () => {
  it('shows one section per service: its rules, none, or why the call failed', () => {
    const table = formatTable(
      [
        { service: 'gateway', listing: { service: 'gateway', rules: [], startup: [] } },
        {
          service: 'orders',
          listing: {
            service: 'orders',
            rules: [{ rule: 'orders.place=latency:300ms', source: 'admin', expiresAt: inSeconds(598) }],
            startup: [{ rule: 'orders.db=db-error@0.1', source: 'startup' }],
          },
        },
        { service: 'payments', failure: 'down or not reachable at http://127.0.0.1:8083 (ECONNREFUSED)' },
      ],
      NOW,
    );
    expect(table).toBe(
      [
        'SERVICE   RULE                        SOURCE   EXPIRES IN',
        'gateway   (no rules)',
        '',
        'orders    orders.place=latency:300ms  admin    9m 58s',
        '          orders.db=db-error@0.1      startup  never',
        '',
        'payments  failed: down or not reachable at http://127.0.0.1:8083 (ECONNREFUSED)',
      ].join('\n'),
    );
  });

  it('puts one-line sections under each other without blank lines', () => {
    const table = formatTable(
      [
        { service: 'orders', note: 'cleared' },
        { service: 'inventory', failure: 'admin API is off (the service has no FAULT_ADMIN_TOKEN_FILE)' },
      ],
      NOW,
      ['SERVICE', 'RESULT'],
    );
    expect(table).toBe(['SERVICE    RESULT', 'orders     cleared', 'inventory  failed: admin API is off (the service has no FAULT_ADMIN_TOKEN_FILE)'].join('\n'));
  });
});
