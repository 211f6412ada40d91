import type { Logger } from '@tracebed/platform';

export interface LoggedEvent {
  level: 'info' | 'warn' | 'error';
  event: string;
  fields: Record<string, unknown>;
}

/**
 * A logger for the domain's unit tests that keeps each event instead of writing it. It has
 * only the levels the domain logs at; the rest of pino's Logger is never called there, so
 * the cast saves faking dozens of members no test reads.
 */
export function createRecordingLogger(): { logger: Logger; events: LoggedEvent[] } {
  const events: LoggedEvent[] = [];
  const at =
    (level: LoggedEvent['level']) =>
    (fields: Record<string, unknown>, event: string): void => {
      events.push({ level, event, fields });
    };
  const logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger: logger as unknown as Logger, events };
}
