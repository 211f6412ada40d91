import fc from 'fast-check';

// Text that breaks naive parsing: lone surrogates, NUL, bidi overrides, zero-width and line
// separators, plus strings aimed at SQL, templates and prototype lookups.
const AWKWARD_CHARACTERS = ['\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\ufeff', '\u2028', '\u0301', '😀', '\\', '"'];
const ATTACKS = ["'; DROP TABLE payments;--", '${jndi:ldap://127.0.0.1/a}', '{{7*7}}', '__proto__', 'constructor', 'NaN', 'null'];

const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...AWKWARD_CHARACTERS), maxLength }),
    fc.constantFrom(...ATTACKS),
  );

/** A message for the order.placed routing key, and the order id it names, if any. */
export interface HostileMessage {
  payload: Buffer;
  orderId: string | null;
}

const raw = (text: string): HostileMessage => ({ payload: Buffer.from(text), orderId: null });

/** Bytes and JSON of any shape: not JSON at all, or JSON that is no OrderPlaced. */
export const messagePayload: fc.Arbitrary<HostileMessage> = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }).map((bytes) => ({ payload: Buffer.from(bytes), orderId: null })),
  fc.json().map(raw),
  fc.anything().map((value) => raw(JSON.stringify(value) ?? '')),
  hostileString(200).map(raw),
  fc.integer({ min: 200, max: 5_000 }).map((depth) => raw(`${'['.repeat(depth)}${']'.repeat(depth)}`)),
);

// Values each OrderPlaced field refuses (contracts: uuid, positive int, 'EUR', 4 digits, ISO datetime in UTC).
const WRONG: Record<string, fc.Arbitrary<unknown>> = {
  orderId: fc.oneof(fc.constantFrom(null, 42, '', 'not-a-uuid', '00000000-0000-0000-0000-00000000000g', '{00000000-0000-4000-8000-000000000000}'), hostileString()),
  amountCents: fc.constantFrom(0, -1, -0, 1.5, '100', null, true, [], {}, Number.MIN_VALUE),
  currency: fc.oneof(fc.constantFrom('eur', 'EUR ', 'USD', '', null, 1, 'ＥＵＲ', 'EUR\u0000', 'E\u200bUR'), hostileString()),
  cardLast4: fc.oneof(fc.constantFrom('424', '42424', 'abcd', '٤٢٤٢', '4242\n', '42 42', null, 4242), hostileString()),
  placedAt: fc.oneof(fc.constantFrom('yesterday', '', null, 0, '2026-11-24', '2026-11-24 07:00:00', 'Tue, 24 Nov 2026 07:00:00 GMT'), hostileString()),
};

/** A well-formed OrderPlaced with one field wrong or missing, or wrapped where an object belongs. */
export const brokenOrderPlaced: fc.Arbitrary<HostileMessage> = fc
  .record({
    orderId: fc.uuid(),
    amountCents: fc.integer({ min: 1, max: 1_000_000 }),
    currency: fc.constant('EUR'),
    cardLast4: fc.constant('4242'),
    placedAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
  })
  .chain((event) =>
    fc.oneof(
      ...Object.entries(WRONG).map(([field, wrong]) => wrong.map((value) => ({ ...event, [field]: value }))),
      fc.constantFrom(...Object.keys(WRONG)).map((field) => Object.fromEntries(Object.entries(event).filter(([key]) => key !== field))),
      fc.constant([event]),
      fc.constant(JSON.stringify(event)),
    ).map((body) => ({ payload: Buffer.from(JSON.stringify(body)), orderId: event.orderId })),
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UTC_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * A generous reading of the OrderPlaced contract: true for anything payments might accept
 * and charge. Such payloads are skipped, so every message sent must be dead-lettered.
 */
export function isCompleteOrderPlaced(payload: Buffer): boolean {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const event = body as Record<string, unknown>;
  return (
    typeof event.orderId === 'string' &&
    UUID.test(event.orderId) &&
    typeof event.amountCents === 'number' &&
    event.amountCents > 0 &&
    Number.isInteger(event.amountCents) &&
    event.currency === 'EUR' &&
    typeof event.cardLast4 === 'string' &&
    /^\d{4}$/.test(event.cardLast4) &&
    typeof event.placedAt === 'string' &&
    UTC_DATETIME.test(event.placedAt)
  );
}
