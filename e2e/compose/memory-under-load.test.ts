import { describe, expect, it } from 'vitest';
import { createShopClient, placeOrdersUnderLoad, stackEndpoints } from '@tracebed/testkit';
import { docker, project } from './compose-cli';
import { peaks, sampleMemory, type MemorySample } from './container-memory';

const shop = createShopClient(stackEndpoints().gatewayUrl);
const mib = (value: number) => value.toFixed(1).padStart(7);

describe("the containers' memory", () => {
  it('stays under each limit, idle and under load, and no container is killed for memory', async () => {
    const idle = peaks([await sampleMemory()]);
    const samples: MemorySample[][] = [];
    let loading = true;
    const sampler = (async () => {
      while (loading) samples.push(await sampleMemory());
    })();
    const load = await placeOrdersUnderLoad(shop, { count: 600, concurrency: 6, sku: 'STICKERS' });
    loading = false;
    await sampler;
    const loaded = peaks(samples);

    console.log(`[compose] memory (MiB, docker stats) idle → peak under load (${load.accepted.length} orders, 6 at a time), against the limit`);
    for (const [service, peak] of loaded) {
      console.log(`[compose]   ${service.padEnd(10)} ${mib(idle.get(service)?.usedMiB ?? NaN)} → ${mib(peak.usedMiB)}  of ${mib(peak.limitMiB)}`);
    }
    expect(load.statuses).toEqual({ 202: 600 });
    expect(samples.length).toBeGreaterThan(2);
    for (const [service, peak] of loaded) expect(peak.usedMiB, service).toBeLessThan(peak.limitMiB);
    const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).stdout.trim().split('\n');
    const killed = await docker(['inspect', '-f', '{{.Name}} {{.State.OOMKilled}}', ...ids]);
    expect(killed.stdout.split('\n').filter((line) => line.endsWith(' true'))).toEqual([]);
  }, 180_000);
});
