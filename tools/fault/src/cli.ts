#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { createAdminClient } from '@tracebed/fault-admin-client';
import { readCliConfig } from './cli-config';
import { UsageError } from './usage-error';
import { clearFaults, listFaults, setFaults, type CommandDeps, type CommandResult } from './fault-commands';
import { parseTtl } from './fault-plan';
import { FaultSpecError } from '@tracebed/faults';

const USAGE = `Usage: tracebed-fault <command> [options]   (in the repo: pnpm fault <command>)

Commands:
  list                        every service's fault rules, with where each came from and when it expires
  set "<spec>"                add the spec's rules to the services they target, through each service's admin API
  clear [service...]          remove the admin rules of the named services (default: all four)

Options:
  --ttl <duration>            set: how long the rules last, e.g. 90s, 10m, 1h (default 10m, at most 1h);
                              the rules a service already had are kept and get the same TTL
  --replace                   set: replace the target services' admin rules instead of adding to them
  --allow-remote              send the admin token to service URLs that are not this machine
  -h, --help                  this text

Spec: target=kind[:param][@probability], comma separated, e.g.
  pnpm fault set "payments.charge=error:503@0.5, inventory.reserve=latency:300ms" --ttl 5m

Environment: FAULT_ADMIN_TOKEN, else the file FAULT_ADMIN_TOKEN_FILE, else .tracebed/secrets/fault-admin-token
(written by the stack on its first start; there is no default token); each service's admin API at
GATEWAY_ADMIN_URL, ORDERS_ADMIN_URL, INVENTORY_ADMIN_URL, PAYMENTS_ADMIN_URL, else
http://127.0.0.1:<GATEWAY_ADMIN_PORT|ORDERS_ADMIN_PORT|INVENTORY_ADMIN_PORT|PAYMENTS_ADMIN_PORT, 9080-9083>.

Exit codes: 0 done; 1 a service call failed; 2 bad arguments or spec.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  ttl: { type: 'string' },
  replace: { type: 'boolean' },
  'allow-remote': { type: 'boolean' },
} as const;

async function run(argv: string[]): Promise<CommandResult | undefined> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return undefined;
  if (command !== 'set' && (values.ttl !== undefined || values.replace)) throw new UsageError('--ttl and --replace apply only to set');
  const config = readCliConfig(process.env, values['allow-remote']);
  const token = config.token(); // every command needs it: without one, say so once
  const deps: CommandDeps = { clientFor: (service) => createAdminClient({ url: config.urls[service], token }), now: Date.now };
  switch (command) {
    case 'list':
      if (rest.length > 0) throw new UsageError('list takes no arguments');
      return listFaults(deps);
    case 'set': {
      if (rest.length !== 1 || rest[0] === undefined) throw new UsageError('set takes one spec; quote it, e.g. set "orders.place=latency:300ms"');
      const ttlSeconds = values.ttl === undefined ? undefined : parseTtl(values.ttl);
      return setFaults(rest[0], { ...(ttlSeconds === undefined ? {} : { ttlSeconds }), replace: values.replace ?? false }, deps);
    }
    case 'clear':
      return clearFaults(rest, deps);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

const isArgsError = (error: unknown): error is TypeError => error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');

async function main(): Promise<void> {
  try {
    const argv = process.argv.slice(2);
    const result = await run(argv);
    if (!result) {
      // Asked for help: stdout and success; called with nothing to do: a usage error.
      if (argv.length > 0) return console.log(USAGE);
      console.error(USAGE);
      process.exitCode = 2;
      return;
    }
    console.log(result.output);
    if (result.failed) {
      console.error('\nsome service calls failed (see above)');
      process.exitCode = 1;
    }
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof FaultSpecError || isArgsError(error))) throw error;
    console.error(`tracebed-fault: ${error.message}`);
    if (!(error instanceof FaultSpecError)) console.error("run 'tracebed-fault --help' for usage");
    process.exitCode = 2;
  }
}

void main();
