import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTraceLogs, defaultLogDir, traceLogs } from './log-sources';
import { formatLogEntry, parseLogLine, sortByTime } from './trace-logs';

const TRACE = 'ab'.repeat(16);
const OTHER = 'cd'.repeat(16);
const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 'info', pid: 7, hostname: 'box', trace_id: TRACE, span_id: '0123456789abcdef', trace_flags: '01', ...fields });

const ordersLog = [
  '=== 2026-12-02T17:42:26+00:00 start: env HOST=… node services/orders/dist/main.js',
  line({ time: '2026-12-02T18:00:01.250Z', service: 'orders', code: 'OUT_OF_STOCK', status: 409, path: '/orders', msg: 'request.rejected' }),
  line({ time: '2026-12-02T18:00:00.100Z', service: 'orders', trace_id: OTHER, msg: 'someone else' }),
  '{"not": "closed"',
].join('\n');
const paymentsLog = line({ time: '2026-12-02T18:00:00.900Z', service: 'payments', level: 'warn', err: { type: 'Error', message: 'card service down', stack: 'Error: card service down\n    at charge' }, retryInMs: 200, msg: 'message.retry_scheduled' });

describe('a log line of a trace', () => {
  it('is printed as time, service, level, message, its own fields, then the short span id', () => {
    expect(formatLogEntry(parseLogLine(paymentsLog)!)).toBe('18:00:00.900 payments warn  message.retry_scheduled err.type=Error err.message="card service down" retryInMs=200 span_id=01234567');
  });

  it('reads pino’s epoch milliseconds as well as ISO time, and says so when a line has no time', () => {
    expect(formatLogEntry({ time: Date.UTC(2026, 11, 2, 18, 0, 0, 5), service: 'gateway', level: 'error', msg: 'x', note: 'two words', empty: '' })).toBe('18:00:00.005 gateway error x note="two words" empty=""');
    expect(formatLogEntry({ msg: 'bare' })).toBe('??:??:??.??? - -     bare');
  });

  it('is parsed only when the whole line is a JSON object', () => {
    expect(parseLogLine('=== start')).toBeUndefined();
    expect(parseLogLine('{"broken"')).toBeUndefined();
    expect(parseLogLine('[1,2]')).toBeUndefined();
    expect(parseLogLine(' {"msg":"ok"} ')).toEqual({ msg: 'ok' });
  });

  it('sorts by time, lines without a time last', () => {
    const sorted = sortByTime([{ msg: 'none' }, { time: '2026-12-02T18:00:02Z', msg: 'late' }, { time: Date.UTC(2026, 11, 2, 18), msg: 'early' }]);
    expect(sorted.map((entry) => entry.msg)).toEqual(['early', 'late', 'none']);
  });
});

describe('collecting the log lines of a trace', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'trace-logs-'));
    await writeFile(path.join(dir, 'orders.log'), ordersLog);
    await writeFile(path.join(dir, 'payments.log'), paymentsLog + '\n');
    await writeFile(path.join(dir, 'notes.txt'), line({ msg: 'not a .log file' }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('from every .log file of a directory, oldest first, skipping lines that are not JSON', async () => {
    const text = await traceLogs({ dir }, TRACE);
    expect(text.split('\n')).toEqual([
      '18:00:00.900 payments warn  message.retry_scheduled err.type=Error err.message="card service down" retryInMs=200 span_id=01234567',
      '18:00:01.250 orders info  request.rejected code=OUT_OF_STOCK status=409 path=/orders span_id=01234567',
    ]);
  });

  it('from one file, or from standard input for piped compose logs', async () => {
    expect((await collectTraceLogs({ file: path.join(dir, 'orders.log') }, TRACE)).entries).toHaveLength(1);
    const piped = await collectTraceLogs({ file: '-' }, TRACE, Readable.from([ordersLog.slice(0, 200), ordersLog.slice(200) + '\n' + paymentsLog]));
    expect(piped.entries.map((entry) => entry.service)).toEqual(['orders', 'payments']);
  });

  it('as the JSON objects themselves with --json', async () => {
    const json = JSON.parse(await traceLogs({ dir }, TRACE, { json: true }));
    expect(json.map((entry: { msg: string }) => entry.msg)).toEqual(['message.retry_scheduled', 'request.rejected']);
    expect(json[0].err.stack).toContain('at charge');
  });

  it('fails saying where it looked when no line matched', async () => {
    await expect(traceLogs({ dir }, 'ef'.repeat(16))).rejects.toThrow(`no log line with trace_id ${'ef'.repeat(16)} in 2 .log files in ${dir} (orders.log, payments.log)`);
    await expect(traceLogs({ dir: path.join(dir, 'missing') }, TRACE)).rejects.toThrow(/no log directory at .*missing: name one with --log-dir or TRACEBED_LOG_DIR/);
  });

  it('looks in TRACEBED_LOG_DIR, else in .tracebed/logs under the current directory', () => {
    expect(defaultLogDir({ TRACEBED_LOG_DIR: '/var/log/shop' }, '/repo')).toBe('/var/log/shop');
    expect(defaultLogDir({}, '/repo')).toBe(path.join('/repo', '.tracebed', 'logs'));
  });
});
