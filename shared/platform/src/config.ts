import { z } from 'zod';

/** Thrown at start-up when the environment is wrong; names every bad variable at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment with a service's schema, once, failing with every problem listed. */
export function loadConfig<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
}

/** Building blocks for service config schemas. */
export const env = {
  // Not z.coerce: it would read an empty PORT= as port 0 (a random port) instead of failing.
  port: (fallback: number) =>
    z.string().trim().regex(/^\d{1,5}$/, 'must be a port number').transform(Number).pipe(z.number().int().max(65_535)).default(fallback),
  host: (fallback = '127.0.0.1') => z.string().min(1).default(fallback),
  url: () => z.url(),
  urlWithDefault: (fallback: string) => z.url().default(fallback),
  milliseconds: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  count: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
