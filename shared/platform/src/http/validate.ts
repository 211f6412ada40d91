import type { z } from 'zod';
import { validationFailed } from '../errors';

/** Parses untrusted input with a zod schema; a mismatch becomes a 400 naming each bad field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.infer<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  throw validationFailed(`invalid ${what}: ${summary}`, details);
}
