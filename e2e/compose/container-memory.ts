import { docker, project } from './compose-cli';

export interface MemorySample {
  service: string;
  usedMiB: number;
  limitMiB: number;
}

const MIB = { B: 1 / 2 ** 20, KiB: 1 / 1024, MiB: 1, GiB: 1024, kB: 1e3 / 2 ** 20, MB: 1e6 / 2 ** 20, GB: 1e9 / 2 ** 20 } as const;

/** "67.5MiB" → 67.5; docker stats prints binary units. */
export function toMiB(text: string): number {
  const match = /^([\d.]+)\s*([A-Za-z]+)$/.exec(text.trim());
  const factor = match ? MIB[match[2] as keyof typeof MIB] : undefined;
  if (!match || factor === undefined) throw new Error(`not a memory size: ${text}`);
  return Number(match[1]) * factor;
}

/**
 * Each running container's memory as docker stats reports it (the cgroup's usage less its
 * page cache) against its limit, one sample.
 */
export async function sampleMemory(): Promise<MemorySample[]> {
  const ids = (await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`])).stdout.trim().split('\n').filter(Boolean);
  const { stdout, code, stderr } = await docker(['stats', '--no-stream', '--format', '{{.Name}}\t{{.MemUsage}}', ...ids]);
  if (code !== 0) throw new Error(`docker stats failed: ${stderr}`);
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [name = '', usage = ''] = line.split('\t');
      const [used = '', limit = ''] = usage.split(' / ');
      // tracebed-e2e-payments-1 → payments
      const service = name.slice(project.length + 1).replace(/-\d+$/, '');
      return { service, usedMiB: toMiB(used), limitMiB: toMiB(limit) };
    });
}

/** The highest sample of each service. */
export function peaks(samples: MemorySample[][]): Map<string, MemorySample> {
  const highest = new Map<string, MemorySample>();
  for (const sample of samples.flat()) {
    const seen = highest.get(sample.service);
    if (!seen || sample.usedMiB > seen.usedMiB) highest.set(sample.service, sample);
  }
  return highest;
}
