#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { AdminCallError, AdminConfigError } from '@tracebed/fault-admin-client';
import { UsageError } from './usage-error';
import { renderReport } from './findings';
import { runCheck, type Lab } from './lab';
import { createLabContext } from './lab-context';
import { LABS } from './labs';

const USAGE = `Usage: bin/tracebed lab <list | start <n> | check <n> [--answer value …] | reset <n>>

  list        the labs and their pages
  start <n>   sets the lab's scene, where it has one (labs 3, 4 and 9 hide a fault in the shop)
  check <n>   checks your answers against Jaeger and the services: what is done, what is missing
  reset <n>   undoes what start did

Each lab's page (docs/workshop/) says which answers its check takes, e.g.
  bin/tracebed lab check 1 --order <orderId> --services 5 --sql 17
Environment: GATEWAY_URL, JAEGER_URL; <SERVICE>_ADMIN_URL and FAULT_ADMIN_TOKEN (or its file), as for
pnpm fault (--allow-remote sends the token to services that are not on this machine).`;

function findLab(text: string | undefined): Lab {
  const lab = LABS.find((candidate) => String(candidate.number) === text);
  if (!lab) throw new UsageError(text ? `there is no lab ${text} (labs: ${LABS.map((l) => l.number).join(', ')})` : 'which lab? give its number');
  return lab;
}

async function run(args: string[]): Promise<number> {
  // As for pnpm fault: the admin token goes to services off this machine only when asked.
  const allowRemote = args.includes('--allow-remote');
  const [command, number, ...rest] = args.filter((arg) => arg !== '--allow-remote');
  const context = createLabContext(process.env, { allowRemote });
  switch (command) {
    case 'list':
      for (const lab of LABS) console.log(`${lab.number}  ${lab.title.replace(/^Lab \d+: /, '').padEnd(40)} ${lab.page}${lab.start ? '   (bin/tracebed lab start ' + lab.number + ')' : ''}`);
      return 0;
    case 'start':
    case 'reset': {
      const lab = findLab(number);
      const action = command === 'start' ? lab.start : lab.reset;
      console.log(action ? await action.call(lab, context) : `${lab.title} has nothing to ${command}: its scene is the shop as it is.`);
      return 0;
    }
    case 'check': {
      const lab = findLab(number);
      const { values } = parseArgs({ args: rest, options: Object.fromEntries(lab.options.map((option) => [option.name, { type: 'string' as const }])), strict: true, allowPositionals: false });
      const findings = await runCheck(lab, context, values);
      console.log(renderReport(`${lab.title}   (${lab.page})`, findings, process.stdout.isTTY === true));
      return findings.every((finding) => finding.ok) ? 0 : 1;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof AdminConfigError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof AdminCallError) {
      console.error(`a service's fault admin API: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  },
);
