import type { z } from 'zod';
import { PoisonMessageError } from './errors';

/** Checks a message body against its contract; a mismatch can never succeed, so it is poison. */
export function parseMessage<Schema extends z.ZodType>(schema: Schema, body: unknown, eventName: string): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new PoisonMessageError(`breaks the ${eventName} contract: ${where}${issue?.message ?? 'invalid'}`);
}
