import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SERVICES } from '@tracebed/contracts';

const FaultStep = z
  .object({
    /** The service whose admin API takes the rule. */
    service: z.enum(SERVICES),
    /** A rule in the fault grammar, e.g. payments.charge=latency:400ms@0.5. */
    rule: z.string().min(1),
    at_s: z.number().nonnegative(),
    clear_at_s: z.number().positive(),
  })
  .refine((step) => step.clear_at_s > step.at_s, 'clear_at_s must come after at_s');

const ExperimentFile = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    description: z.string(),
    /** What a reader should expect and what the traces show: for the report. */
    expect: z.string(),
    hypothesis: z.object({
      /** Thresholds in k6's syntax, judged separately before, during and after the faults. */
      thresholds: z.record(z.string(), z.array(z.string())),
      /** Every accepted order must be final within this long of its acceptance. */
      orders_final_within_s: z.number().positive(),
    }),
    load: z.object({ scenario: z.string(), rate: z.number().positive(), duration_s: z.number().positive() }),
    faults: z.array(FaultStep).min(1),
  })
  .superRefine((experiment, context) => {
    for (const step of experiment.faults) {
      if (step.clear_at_s > experiment.load.duration_s) context.addIssue({ code: 'custom', message: `the fault ${step.rule} is cleared after the load ends` });
    }
    const byService = new Map<string, { at_s: number; clear_at_s: number }[]>();
    for (const step of experiment.faults) byService.set(step.service, [...(byService.get(step.service) ?? []), step]);
    for (const [service, steps] of byService) {
      const sorted = [...steps].sort((a, b) => a.at_s - b.at_s);
      for (let i = 1; i < sorted.length; i += 1) {
        if (sorted[i]!.at_s < sorted[i - 1]!.clear_at_s) context.addIssue({ code: 'custom', message: `faults on ${service} overlap: one service holds one set of admin rules at a time` });
      }
    }
  });

export type Experiment = z.infer<typeof ExperimentFile>;
export type FaultStep = Experiment['faults'][number];

export const EXPERIMENTS_DIR = path.resolve(__dirname, '..', '..', 'experiments');

/** An experiment by name (experiments/<name>.yaml) or by path. */
export function loadExperiment(nameOrPath: string): Experiment {
  const file = nameOrPath.endsWith('.yaml') ? path.resolve(nameOrPath) : path.join(EXPERIMENTS_DIR, `${nameOrPath}.yaml`);
  const parsed = ExperimentFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}
