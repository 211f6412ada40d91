import { describe, expect, it } from 'vitest';
import { createRelayRateLimiter, type RateLimit } from './relay-rate-limit';

const generous: RateLimit = { requestsPerS: 1000, burstRequests: 1000, bytesPerS: 1e9, burstBytes: 1e9 };

function limiter(perClient: RateLimit, overall: RateLimit = generous, maxClients = 100) {
  let nowMs = 0;
  const rateLimiter = createRelayRateLimiter({ perClient, overall, maxClients, now: () => nowMs });
  return { take: rateLimiter.take, advance: (ms: number) => (nowMs += ms) };
}

describe('the relay rate limiter', () => {
  it('lets a burst through, refuses the next request with the seconds until a token is back, and refills', () => {
    const { take, advance } = limiter({ requestsPerS: 2, burstRequests: 3, bytesPerS: 1e6, burstBytes: 1e6 });
    expect([take('a', 10), take('a', 10), take('a', 10)].every((decision) => decision.allowed)).toBe(true);
    expect(take('a', 10)).toEqual({ allowed: false, retryAfterS: 1 });
    advance(500);
    expect(take('a', 10).allowed).toBe(true);
  });

  it('counts bytes as well as requests', () => {
    const { take, advance } = limiter({ requestsPerS: 100, burstRequests: 100, bytesPerS: 1000, burstBytes: 4000 });
    expect(take('a', 3000).allowed).toBe(true);
    expect(take('a', 3000)).toEqual({ allowed: false, retryAfterS: 2 });
    advance(2000);
    expect(take('a', 3000).allowed).toBe(true);
  });

  it('keeps clients apart, and holds all of them to the overall limit', () => {
    const { take } = limiter({ requestsPerS: 1, burstRequests: 1, bytesPerS: 1e6, burstBytes: 1e6 }, { requestsPerS: 1, burstRequests: 3, bytesPerS: 1e6, burstBytes: 1e6 });
    expect(take('a', 1).allowed).toBe(true);
    expect(take('a', 1).allowed).toBe(false);
    expect(take('b', 1).allowed).toBe(true);
    expect(take('c', 1).allowed).toBe(true);
    expect(take('d', 1).allowed).toBe(false);
  });

  it('forgets the least recently seen client beyond its memory, which then starts with a full bucket', () => {
    const { take } = limiter({ requestsPerS: 0.001, burstRequests: 1, bytesPerS: 1e6, burstBytes: 1e6 }, generous, 2);
    take('a', 1);
    take('b', 1);
    expect(take('a', 1).allowed).toBe(false);
    take('c', 1);
    expect(take('b', 1).allowed).toBe(true);
  });
});
