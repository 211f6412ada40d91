/** A request rate and a byte rate, each with the burst it allows. */
export interface RateLimit {
  requestsPerS: number;
  burstRequests: number;
  bytesPerS: number;
  burstBytes: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterS: number };

interface Bucket {
  requests: number;
  bytes: number;
  atMs: number;
}

export interface RelayRateLimiterOptions {
  perClient: RateLimit;
  /** All clients together: many addresses must not add up to more than the collector takes. */
  overall: RateLimit;
  /** Clients remembered at once; the least recently seen is forgotten first. */
  maxClients: number;
  now?: () => number;
}

/** Token buckets per client and overall; a request takes one request token and its bytes from both. */
export function createRelayRateLimiter(options: RelayRateLimiterOptions) {
  const now = options.now ?? Date.now;
  const clients = new Map<string, Bucket>();
  const overall: Bucket = { requests: options.overall.burstRequests, bytes: options.overall.burstBytes, atMs: now() };

  function refill(bucket: Bucket, limit: RateLimit, atMs: number): void {
    const elapsedS = Math.max(0, atMs - bucket.atMs) / 1000;
    bucket.requests = Math.min(limit.burstRequests, bucket.requests + elapsedS * limit.requestsPerS);
    bucket.bytes = Math.min(limit.burstBytes, bucket.bytes + elapsedS * limit.bytesPerS);
    bucket.atMs = atMs;
  }

  const waitS = (bucket: Bucket, limit: RateLimit, bytes: number) =>
    Math.max((1 - bucket.requests) / limit.requestsPerS, (Math.min(bytes, limit.burstBytes) - bucket.bytes) / limit.bytesPerS, 0);

  function clientBucket(client: string, atMs: number): Bucket {
    const bucket = clients.get(client) ?? { requests: options.perClient.burstRequests, bytes: options.perClient.burstBytes, atMs };
    clients.delete(client);
    clients.set(client, bucket);
    if (clients.size > options.maxClients) clients.delete(clients.keys().next().value!);
    return bucket;
  }

  return {
    take(client: string, bytes: number): RateDecision {
      const atMs = now();
      const own = clientBucket(client, atMs);
      refill(own, options.perClient, atMs);
      refill(overall, options.overall, atMs);
      const wait = Math.max(waitS(own, options.perClient, bytes), waitS(overall, options.overall, bytes));
      if (wait > 0) return { allowed: false, retryAfterS: Math.max(1, Math.ceil(wait)) };
      for (const bucket of [own, overall]) {
        bucket.requests -= 1;
        bucket.bytes -= bytes;
      }
      return { allowed: true };
    },
  };
}
