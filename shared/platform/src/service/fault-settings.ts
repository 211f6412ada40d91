import { z } from 'zod';
import { createFaultInjector, createFaultStore, FaultSpecError, parseSpec, type FaultInjector } from '@tracebed/faults';

/** The fault settings every service reads from its environment. */
export const faultSettings = {
  /** Bearer token for /admin/faults; without one the admin API is off. */
  FAULT_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Rules active from start-up, in the fault grammar, for scripted experiments. */
  FAULTS: z
    .string()
    .default('')
    .transform((spec, context) => {
      try {
        return parseSpec(spec);
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof FaultSpecError ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  /** `off` ignores faults carried by requests (the X-Fault header and its baggage). */
  FAULTS_PER_REQUEST: z.enum(['on', 'off']).default('on'),
};

export interface FaultConfig {
  FAULT_ADMIN_TOKEN?: string | undefined;
  FAULTS: ReturnType<typeof parseSpec>;
  FAULTS_PER_REQUEST: 'on' | 'off';
}

export function createServiceFaults(service: string, config: FaultConfig): FaultInjector {
  return createFaultInjector({
    service,
    store: createFaultStore(),
    startupRules: config.FAULTS,
    perRequest: config.FAULTS_PER_REQUEST === 'on',
  });
}
