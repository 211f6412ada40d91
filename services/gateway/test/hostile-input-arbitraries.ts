import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { isValidCardNumber } from '../src/domain/card-number';

/** The gateway's JSON body limit, `bodyLimit: '16kb'` in src/app.ts. */
export const BODY_LIMIT_BYTES = 16 * 1024;

const SKU = /^[A-Z0-9-]{1,64}$/;
const KNOWN_SKUS = ['MUG-SPAN', 'STICKERS', 'TEE-TRACE', 'LAST-UNITS'];

// Characters that break naive code: NUL, lone and reversed surrogates, bidi overrides,
// zero-width joiners, BOM, line separators, combining marks, emoji sequences, escapes.
const EDGE_CHARACTERS = ['\u0000', '\ud800', '\udfff', '\udc00\ud800', '\u202e', '\u200f', '\u200b', '\u200d', '\ufeff', '\u2028', '\u0301', '\uffff', '😀', '👩🏽‍💻', 'ﷺ', 'İ', '\t', '\r\n', '\\', '"', '%'];
const ATTACK_STRINGS = ["'; DROP TABLE orders;--", '" OR 1=1 --', '${jndi:ldap://127.0.0.1/a}', '{{7*7}}', '%s%s%n', '<script>alert(1)</script>', '../../etc/passwd', '__proto__', 'constructor', 'NaN', '-0', '1e308', 'null'];

const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom(...EDGE_CHARACTERS), maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc.constantFrom(...ATTACK_STRINGS),
  );

const longString = fc.tuple(fc.constantFrom('a', '9', '\u0000', '\u202e', '😀', '\ud800'), fc.integer({ min: 1_000, max: 12_000 })).map(([unit, times]) => unit.repeat(times));

const hostileNumber = fc.oneof(fc.constantFrom(1e308, -1e308, -0, 2 ** 53 + 1, Number.MIN_VALUE, 1e21, -1, 0, 101, 1.5), fc.double(), fc.integer());

/** Number literals as they appear in the body's text, several of them not JSON at all. */
const numberLiteral = fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e308', '-0', '9007199254740993', '18446744073709551616', '1e-400', '0x10', '01', '+1', '1.', '.5', '1_0', '１', '"NaN"', '"1"');

/** Nested arrays or objects, 200 levels deep and more. */
const deepNesting = fc.tuple(fc.integer({ min: 200, max: 8_000 }), fc.boolean()).map(([depth, arrays]) =>
  arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
);

/** 1,000 to 10,000 tiny elements: a few fit the body limit, most do not. */
const bigArray = fc.tuple(fc.integer({ min: 1_000, max: 10_000 }), fc.constantFrom('0', 'null', '{}', '[]', '""')).map(([length, element]) => `[${Array(length).fill(element).join(',')}]`);

/** Any JSON text, wrong for a field more often than not: callers filter out what a field accepts. */
export const wrongValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null'), weight: 3 },
  { arbitrary: hostileString().map((text) => JSON.stringify(text)), weight: 3 },
  { arbitrary: hostileNumber.map((number) => JSON.stringify(number)), weight: 2 },
  { arbitrary: numberLiteral, weight: 2 },
  { arbitrary: longString.map((text) => JSON.stringify(text)), weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: bigArray, weight: 1 },
);

const validItem = fc.record({ sku: fc.constantFrom(...KNOWN_SKUS), quantity: fc.integer({ min: 1, max: 3 }) }).map((item) => JSON.stringify(item));
const item = fc.oneof(
  { arbitrary: validItem, weight: 4 },
  wrongValue.map((sku) => `{"sku":${sku},"quantity":1}`),
  wrongValue.map((quantity) => `{"sku":"MUG-SPAN","quantity":${quantity}}`),
  fc.tuple(hostileString(), wrongValue).map(([key, value]) => `{"sku":"MUG-SPAN","quantity":1,${JSON.stringify(key)}:${value}}`),
  fc.constantFrom('{"sku":"MUG-SPAN"}', '{"quantity":1}', '{}'),
  wrongValue,
);
const items = fc.oneof(
  { arbitrary: fc.array(item, { maxLength: 60 }).map((list) => `[${list.join(',')}]`), weight: 3 },
  wrongValue,
);
const cardNumber = fc.oneof(fc.constantFrom('"4242 4242 4242 4242"', '"4242-4242-4242-4242"'), wrongValue);
const extraField = fc.option(fc.tuple(fc.oneof(hostileString(), fc.constantFrom('__proto__', 'constructor', 'items', 'cardNumber')), wrongValue));

/** An order body with one or more wrong fields, as JSON text; never one the gateway accepts. */
export const invalidOrderBody: fc.Arbitrary<string> = fc
  .tuple(items, cardNumber, extraField, fc.constantFrom('both', 'no items', 'no card'))
  .map(([itemsText, cardText, extra, shape]) => {
    const fields = [shape === 'no items' ? '' : `"items":${itemsText}`, shape === 'no card' ? '' : `"cardNumber":${cardText}`];
    if (extra) fields.push(`${JSON.stringify(extra[0])}:${extra[1]}`);
    return `{${fields.filter(Boolean).join(',')}}`;
  })
  .filter((body) => !isAcceptableOrder(body));

/** fc.json() and fc.anything() as bodies: any JSON value at the top, or none. */
export const arbitraryJsonBody: fc.Arbitrary<string> = fc
  .oneof(fc.json(), fc.anything().map((value) => JSON.stringify(value) ?? ''), deepNesting, bigArray)
  .filter((body) => !isAcceptableOrder(body));

/** JSON bodies that are always over the limit: huge arrays, long strings, deep nesting. */
export const oversizedBody: fc.Arbitrary<string> = fc
  .oneof(
    fc.integer({ min: 8_200, max: 10_000 }).map((length) => `{"items":[${Array(length).fill('0').join(',')}],"cardNumber":"4242 4242 4242 4242"}`),
    fc.integer({ min: BODY_LIMIT_BYTES, max: 40_000 }).map((length) => `{"items":[],"cardNumber":"${'4'.repeat(length)}"}`),
    fc.integer({ min: 8_200, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.integer({ min: 200, max: 600 }).map((count) => `{"items":[${Array(count).fill('{"sku":"MUG-SPAN","quantity":1}').join(',')}],"cardNumber":"4242 4242 4242 4242"}`),
  )
  .filter((body) => Buffer.byteLength(body) > BODY_LIMIT_BYTES);

export interface RawRequest {
  body: Buffer;
  contentType: string | null;
  contentEncoding: string | null;
  chunked: boolean;
}

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=utf-32',
  'application/json; charset=latin1',
  'application/json; charset=utf-nope',
  'application/json; charset="utf-8"',
  'application/json',
  'application/JSON',
  'application/vnd.api+json',
  'application/json;;;',
  'application/json; charset',
  '*/*',
];

/** A body of any bytes, under any content type and content encoding, possibly chunked. */
export const rawRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    body: fc.oneof(
      invalidOrderBody.map((text) => Buffer.from(text)),
      fc.uint8Array({ maxLength: 4_096 }).map((bytes) => Buffer.from(bytes)),
      fc.constant(Buffer.alloc(0)),
    ),
    contentType: fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.string({ unit: 'grapheme-ascii', maxLength: 60 }))),
    contentEncoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, gzip', 'GZIP')),
    compress: fc.boolean(),
    chunked: fc.boolean(),
  })
  .map(({ body, contentType, contentEncoding, compress, chunked }) => ({
    body: compress && contentEncoding === 'gzip' ? gzipSync(body) : body,
    contentType,
    contentEncoding,
    chunked,
  }))
  .filter((request) => !isAcceptableOrder(request.body.toString('utf8')));

/** A small gzip body that inflates far past the limit. */
export const gzipBomb: RawRequest = { body: gzipSync(`[${'0,'.repeat(200_000)}0]`), contentType: 'application/json', contentEncoding: 'gzip', chunked: false };

/** Every UTF-8 byte percent-encoded; unlike encodeURIComponent it takes lone surrogates (as U+FFFD). */
const percentEncoded = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

const percentGarbage = fc.string({ unit: fc.constantFrom('%', 'E0', 'A4', 'zz', 'FF', 'C0', 'AF', '00', '2F', '5C', '2E', 'a', '-', '.'), maxLength: 30 });

/**
 * What follows /api/orders/: UUIDs (unknown orders), hostile text, broken percent-encoding.
 * Kept under a few kB, because node answers a request line over 16 kB itself (431, no body).
 */
export const orderIdSegment = fc.oneof(
  fc.uuid(),
  hostileString(200).map(percentEncoded),
  percentGarbage,
  fc.constantFrom('', '.', '..', '%2e%2e', '%00', '%2F', '%ZZ', '%', '%E0%A4%A', '%C0%AF', '00000000-0000-0000-0000-000000000000', '{00000000-0000-4000-8000-000000000000}', 'null', 'undefined'),
);

/** A query string, raw: fetch keeps `%` as it is. */
export const queryString = fc.option(
  fc.oneof(
    fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
    hostileString(100).map(percentEncoded),
    fc.constantFrom('__proto__[x]=1', 'a[b][c]=1&a=2', 'items=1&items=2', '%', '%zz=%E0', 'a='.repeat(500)),
  ),
).map((query) => (query === null ? '' : `?${query}`));

/** Well-formed orders for products that do not exist, mixed with real ones: inventory answers 422. */
export const unknownProductOrder = fc
  .tuple(
    fc.array(fc.record({ sku: fc.constantFrom(...KNOWN_SKUS), quantity: fc.integer({ min: 1, max: 100 }) }), { maxLength: 10 }),
    fc.array(fc.record({ sku: fc.stringMatching(/^[A-Z0-9-]{0,59}$/).map((suffix) => `FUZZ-${suffix}`), quantity: fc.integer({ min: 1, max: 100 }) }), { minLength: 1, maxLength: 10 }),
    fc.constantFrom('4242 4242 4242 4242', '4242-4242-4242-4242', '4242\u00a04242\u20034242\u30004242', '4000 0000 0000 0002', '000000000000', '4242424242424242'),
  )
  .chain(([known, unknown, card]) =>
    fc.shuffledSubarray([...known, ...unknown], { minLength: known.length + unknown.length }).map((lines) => ({ items: lines, cardNumber: card })),
  );

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasExactly = (value: Record<string, unknown>, keys: string[]) => Object.keys(value).length === keys.length && keys.every((key) => Object.hasOwn(value, key));
const isValidItem = (line: unknown) =>
  isPlainObject(line) && hasExactly(line, ['sku', 'quantity']) && typeof line.sku === 'string' && SKU.test(line.sku) && Number.isInteger(line.quantity) && (line.quantity as number) >= 1 && (line.quantity as number) <= 100;

/**
 * The gateway's order schema, restated: true when a body would pass validation and become an
 * order. Generators drop those bodies, so every request they send must be refused.
 */
export function isAcceptableOrder(text: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
  if (!isPlainObject(body) || !hasExactly(body, ['items', 'cardNumber'])) return false;
  const { items: lines, cardNumber: card } = body;
  return Array.isArray(lines) && lines.length >= 1 && lines.length <= 50 && lines.every(isValidItem) && typeof card === 'string' && card.length <= 32 && isValidCardNumber(card);
}
