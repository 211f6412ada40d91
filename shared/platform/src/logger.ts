import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs, one event per line. The pino instrumentation adds trace_id and span_id
 * to every line written inside a span.
 */
export function createLogger(options: { service: string; level: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['card', '*.card', 'cardNumber', '*.cardNumber', 'password', '*.password', 'authorization'], censor: '[redacted]' },
  });
}
