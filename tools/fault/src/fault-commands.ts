import type { AdminClient } from '@tracebed/fault-admin-client';
import { UsageError } from './usage-error';
import { isService, mergedSpec, splitByService, type Service } from './fault-plan';
import { formatTable, type ServiceReport } from './fault-table';
import { FaultSpecError, formatSpec, parseSpec, SERVICES } from '@tracebed/faults';

/** What a command did: the table to print, and whether any service call failed. */
export interface CommandResult {
  output: string;
  failed: boolean;
}

export interface CommandDeps {
  clientFor(service: Service): AdminClient;
  now(): number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function report(services: readonly Service[], call: (service: Service) => Promise<ServiceReport>): Promise<ServiceReport[]> {
  return Promise.all(services.map((service) => call(service).catch((error: unknown) => ({ service, failure: errorText(error) }))));
}

function result(reports: ServiceReport[], deps: CommandDeps, header?: string[]): CommandResult {
  return { output: formatTable(reports, deps.now(), header), failed: reports.some((entry) => 'failure' in entry) };
}

/** Every service's rules. */
export async function listFaults(deps: CommandDeps): Promise<CommandResult> {
  return result(await report(SERVICES, async (service) => ({ service, listing: await deps.clientFor(service).list() })), deps);
}

export interface SetOptions {
  ttlSeconds?: number;
  /** Replace each service's admin rules instead of adding to them. */
  replace?: boolean;
}

/**
 * Sends each service the spec's rules that target it. PUT replaces a service's rules, so unless
 * `replace` is set the service's current admin rules are read first and kept (all get the new TTL).
 */
export async function setFaults(spec: string, options: SetOptions, deps: CommandDeps): Promise<CommandResult> {
  const rules = parseSpec(spec);
  if (rules.length === 0) throw new UsageError('the spec has no rules; to remove faults use clear');
  const byService = splitByService(rules);
  const reports = await report([...byService.keys()], async (service) => {
    const client = deps.clientFor(service);
    const added = byService.get(service) ?? [];
    let next = formatSpec(added);
    if (!options.replace) {
      const existing = (await client.list()).rules.map((listed) => listed.rule);
      try {
        next = mergedSpec(existing, added);
      } catch (error) {
        if (!(error instanceof FaultSpecError)) throw error;
        throw new Error(`with its current rules: ${error.message}; use --replace or clear it first`, { cause: error });
      }
    }
    return { service, listing: await client.replace(next, options.ttlSeconds) };
  });
  return result(reports, deps);
}

/** Removes the admin rules of the named services, or of all of them. */
export async function clearFaults(names: readonly string[], deps: CommandDeps): Promise<CommandResult> {
  const unknown = names.filter((name) => !isService(name));
  if (unknown.length > 0) throw new UsageError(`unknown service ${unknown.join(', ')} (known: ${SERVICES.join(', ')})`);
  const services = names.length > 0 ? [...new Set(names as Service[])] : SERVICES;
  const reports = await report(services, async (service) => {
    await deps.clientFor(service).clear();
    return { service, note: 'cleared' };
  });
  return result(reports, deps, ['SERVICE', 'RESULT']);
}
