import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SERVICES = ['gateway', 'orders', 'inventory', 'payments'] as const;
export type Service = (typeof SERVICES)[number];
export const COMPONENTS = [...SERVICES, 'postgres', 'rabbitmq', 'jaeger'] as const;
export type Component = (typeof COMPONENTS)[number];

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

/** The first pid of each component of the native stack, from its pid files. */
export function stackPids(stateDir: string): Partial<Record<Component, number>> {
  const read = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : NaN);
  const pids: Partial<Record<Component, number>> = {};
  for (const service of SERVICES) pids[service] = read(path.join(stateDir, 'run', `${service}.pid`));
  pids.jaeger = read(path.join(stateDir, 'run', 'jaeger.pid'));
  pids.rabbitmq = read(path.join(stateDir, 'run', 'rabbitmq-beam.pid'));
  pids.postgres = read(path.join(stateDir, 'postgres', 'postmaster.pid'));
  for (const [component, pid] of Object.entries(pids)) if (!Number.isInteger(pid) || !existsSync(`/proc/${pid}`)) delete pids[component as Component];
  return pids;
}

/** A process and all its descendants: PostgreSQL works in one backend process per connection. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return tree;
}

/** User + system CPU seconds a process has used (exited children of it not included). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S; // utime, stime
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ComponentStats {
  cpuSeconds: number;
  rssMb: number;
}

/** CPU and memory of every component, its whole process tree counted. */
export function sampleStack(stateDir: string): Partial<Record<Component, ComponentStats>> {
  const stats: Partial<Record<Component, ComponentStats>> = {};
  for (const [component, pid] of Object.entries(stackPids(stateDir)) as [Component, number][]) {
    const tree = processTree(pid);
    stats[component] = { cpuSeconds: tree.reduce((sum, p) => sum + cpuSeconds(p), 0), rssMb: tree.reduce((sum, p) => sum + rssMb(p), 0) };
  }
  return stats;
}

/** RSS of every component, rounded to whole MB. */
export function sampleRss(stateDir: string): Partial<Record<Component, number>> {
  return Object.fromEntries(Object.entries(sampleStack(stateDir)).map(([component, stats]) => [component, Math.round(stats.rssMb)]));
}

/** How long ago the process started, from its start time in clock ticks since boot. */
export function processAgeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    return Math.round((uptimeS - startTicks / CLOCK_TICKS_PER_S) * 1000);
  } catch {
    return undefined;
  }
}

/** One variable of a running process's environment, as it was started. */
export function environmentOf(pid: number, name: string): string | undefined {
  try {
    const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return entries.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
  } catch {
    return undefined;
  }
}
