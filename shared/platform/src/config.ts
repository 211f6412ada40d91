import { readFileSync } from 'node:fs';
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
  /** Comma-separated host names (no ports), such as `gateway,orders`; empty by default. */
  hostNames: () =>
    z
      .string()
      .default('')
      .transform((text, context) => {
        const names = text.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
        const bad = names.filter((name) => !/^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)$/.test(name));
        if (bad.length > 0) context.addIssue({ code: 'custom', message: `${bad.join(', ')}: must be host names without ports, separated by commas` });
        return names;
      }),
  /** A file holding a secret (a path, never the secret itself), read once at start-up. */
  secretFile: (minLength = 16) =>
    z
      .string()
      .min(1)
      .transform((path, context) => {
        let secret: string;
        try {
          secret = readFileSync(path, 'utf8').trim();
        } catch (error) {
          context.addIssue({ code: 'custom', message: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
          return z.NEVER;
        }
        if (secret.length < minLength) context.addIssue({ code: 'custom', message: `${path} must hold at least ${minLength} characters` });
        return { path, secret };
      })
      .optional(),
};
