/** A message that can never be processed (unparseable, fails its contract): straight to the DLQ. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** Publishing was impossible right now (no connection, or the broker refused the message). */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
}
