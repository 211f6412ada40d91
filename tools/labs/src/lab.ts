import { CheckStopped, done, missing, stop, type Finding } from './findings';
import type { LabContext } from './lab-context';

/** What the learner passes on the command line: `--order 1234 --sql 12` → { order: '1234', sql: '12' }. */
export type Answers = Record<string, string | undefined>;

export interface LabOption {
  name: string;
  description: string;
}

export interface Lab {
  number: number;
  title: string;
  /** The lab's page, from the repository root. */
  page: string;
  /** The answers the check takes, each a `--name value` option. */
  options: LabOption[];
  /** Sets the lab's scene, where it needs one (a hidden fault). */
  start?(context: LabContext): Promise<string>;
  /** Undoes what start did. */
  reset?(context: LabContext): Promise<string>;
  check(context: LabContext, answers: Answers): Promise<Finding[]>;
  /** Why the right answers are right, said once every check passes (a check may say its own). */
  why?: string;
}

/** The order the learner names; without it the check cannot start. */
export function orderAnswer(answers: Answers): string {
  const orderId = answers.order?.trim();
  if (!orderId) stop('which order? give its id: --order <orderId>', 'the shop page shows it under "Your order"; `bin/tracebed trace --last` shows the newest trace');
  return orderId!;
}

/** Compares the learner's answer with the truth read from the trace. */
export function compareAnswer(given: string | undefined, option: string, question: string, expected: string | number, hint: string, normalise = (text: string) => text.trim().toLowerCase()): Finding {
  if (given === undefined || given.trim() === '') return missing(`${question} Answer with --${option} <value>.`, hint);
  return normalise(given) === normalise(String(expected)) ? done(`${question} ${given.trim()}: right.`) : missing(`${question} ${given.trim()} is not it.`, hint);
}

/** Runs a lab's check; a check that had to stop early reports why, as its one finding. */
export async function runCheck(lab: Lab, context: LabContext, answers: Answers): Promise<Finding[]> {
  try {
    const findings = await lab.check(context, answers);
    const passed = findings.every((finding) => finding.ok);
    const explained = findings.some((finding) => finding.text.startsWith('Why: '));
    return passed && lab.why && !explained ? [...findings, done(`Why: ${lab.why}`)] : findings;
  } catch (error) {
    if (error instanceof CheckStopped) return [error.finding];
    throw error;
  }
}
