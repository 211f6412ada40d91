import { FAULT_KINDS, FAULT_POINTS, isFaultKind, pointsFor, pointsOf, type FaultKind } from './points';
import type { FaultRule } from './rule';

/**
 * The fault grammar, shared by the X-Fault header, the admin API, FAULTS at start-up and the CLI:
 *
 *   spec  = rule *( "," rule )
 *   rule  = target "=" kind [ ":" param ] [ "@" probability ]
 *   param = duration [ "-" duration ]   (latency, delay, slow-query; e.g. 300ms, 1s, 100ms-2s)
 *         | status                      (error; an HTTP status from 400 to 599)
 *
 * e.g. `payments.charge=error@0.5, inventory.reserve=latency:300ms, orders.inventory=lose-context`
 */
export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

export const MAX_RULES = 10;
export const MAX_DELAY_MS = 30_000;
export const MAX_SPEC_LENGTH = 1_024;

const DEFAULT_DELAY_MS: Partial<Record<FaultKind, number>> = { latency: 500, delay: 1_000, 'slow-query': 500 };
const RULE = /^([a-z]+(?:\.[a-z]+)?)=([a-z-]+)(?::([^@\s]+))?(?:@([0-9.]+))?$/;

function parseDuration(text: string, rule: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text);
  if (!match) throw new FaultSpecError(`${rule}: '${text}' is not a duration (use e.g. 300ms or 2s)`);
  const ms = Number(match[1]) * (match[2] === 's' ? 1_000 : 1);
  if (ms > MAX_DELAY_MS) throw new FaultSpecError(`${rule}: ${text} is longer than the ${MAX_DELAY_MS / 1_000}s maximum`);
  return Math.round(ms);
}

function parseParam(kind: FaultKind, param: string | undefined, rule: string): Pick<FaultRule, 'delayMs' | 'status'> {
  const defaultDelay = DEFAULT_DELAY_MS[kind];
  if (defaultDelay !== undefined) {
    if (param === undefined) return { delayMs: { min: defaultDelay, max: defaultDelay } };
    const [low, high, extra] = param.split('-');
    if (extra !== undefined || low === undefined) throw new FaultSpecError(`${rule}: '${param}' is not a duration or a range`);
    const min = parseDuration(low, rule);
    const max = high === undefined ? min : parseDuration(high, rule);
    if (max < min) throw new FaultSpecError(`${rule}: the range ${param} runs backwards`);
    return { delayMs: { min, max } };
  }
  if (kind === 'error') {
    if (param === undefined) return { status: 500 };
    const status = Number(param);
    if (!/^\d{3}$/.test(param) || status < 400 || status > 599) throw new FaultSpecError(`${rule}: error status must be 400-599, not '${param}'`);
    return { status };
  }
  if (param !== undefined) throw new FaultSpecError(`${rule}: ${kind} takes no parameter`);
  return {};
}

function parseProbability(text: string | undefined, rule: string): number {
  if (text === undefined) return 1;
  const probability = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || probability > 1) throw new FaultSpecError(`${rule}: probability must be between 0 and 1, not '${text}'`);
  return probability;
}

// A kind with few points names them; the others name the types of point they need.
function whereItCan(kind: FaultKind): string {
  const points = pointsFor(kind);
  const kinds: readonly string[] = FAULT_KINDS[kind];
  const types = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
  return points.length <= 4 ? `it happens only at ${types} points: ${points.join(', ')}` : `it happens only at ${types} points`;
}

export function parseRule(text: string): FaultRule {
  const rule = text.trim();
  const match = RULE.exec(rule);
  if (!match) throw new FaultSpecError(`'${rule}' is not target=kind[:param][@probability]`);
  const [, target = '', kind = '', param, probability] = match;
  const points = pointsOf(target);
  if (points.length === 0) throw new FaultSpecError(`${rule}: unknown target '${target}' (known: ${Object.keys(FAULT_POINTS).join(', ')})`);
  if (!isFaultKind(kind)) throw new FaultSpecError(`${rule}: unknown kind '${kind}' (known: ${Object.keys(FAULT_KINDS).join(', ')})`);
  const applicable: readonly string[] = FAULT_KINDS[kind];
  if (!points.some((point) => applicable.includes(FAULT_POINTS[point]))) {
    throw new FaultSpecError(`${rule}: ${kind} cannot happen at ${target}; ${whereItCan(kind)}`);
  }
  return { target, kind, probability: parseProbability(probability, rule), ...parseParam(kind, param, rule) };
}

/** Parses a whole spec; an empty spec is no rules. */
export function parseSpec(spec: string): FaultRule[] {
  if (spec.length > MAX_SPEC_LENGTH) throw new FaultSpecError(`fault spec is longer than ${MAX_SPEC_LENGTH} characters`);
  const parts = spec.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length > MAX_RULES) throw new FaultSpecError(`at most ${MAX_RULES} rules, not ${parts.length}`);
  return parts.map(parseRule);
}

function formatDelay({ min, max }: { min: number; max: number }): string {
  return min === max ? `${min}ms` : `${min}ms-${max}ms`;
}

/** The canonical text of a rule; parseRule(formatRule(r)) gives r back. */
export function formatRule(rule: FaultRule): string {
  const param = rule.delayMs ? `:${formatDelay(rule.delayMs)}` : rule.status !== undefined ? `:${rule.status}` : '';
  const probability = rule.probability === 1 ? '' : `@${rule.probability}`;
  return `${rule.target}=${rule.kind}${param}${probability}`;
}

export const formatSpec = (rules: readonly FaultRule[]) => rules.map(formatRule).join(',');
