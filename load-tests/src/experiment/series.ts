import { percentile, type Samples } from '../recorder';

export interface SecondBucket {
  second: number;
  requests: number;
  failed: number;
  ordersPlaced: number;
  p50: number;
  p95: number;
  p99: number;
  /** p95 of the time to a final status, of the orders placed in this second. */
  completionP95: number;
}

/** The run second by second, by the time each request started: what the plots draw. */
export function perSecond(samples: Samples, durationS: number): SecondBucket[] {
  const buckets = Array.from({ length: Math.ceil(durationS) }, (_, second) => ({ second, durations: [] as number[], requests: 0, failed: 0 }));
  for (const request of samples.requests) {
    const bucket = buckets[Math.floor(request.atMs / 1000)];
    if (!bucket) continue;
    bucket.requests += 1;
    if (request.failed) bucket.failed += 1;
    if (request.name === 'place_order') bucket.durations.push(request.durationMs);
  }
  const completions = buckets.map(() => [] as number[]);
  for (const journey of samples.journeys) {
    if (journey.completionMs !== undefined) completions[Math.floor(journey.atMs / 1000)]?.push(journey.completionMs);
  }
  return buckets.map((bucket) => ({
    second: bucket.second,
    requests: bucket.requests,
    failed: bucket.failed,
    ordersPlaced: bucket.durations.length,
    p50: percentile(bucket.durations, 50),
    p95: percentile(bucket.durations, 95),
    p99: percentile(bucket.durations, 99),
    completionP95: percentile(completions[bucket.second] ?? [], 95),
  }));
}
