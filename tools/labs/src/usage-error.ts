/** A mistake in how the lab tool was called: the message says what to change; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
