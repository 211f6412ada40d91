import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { formatLogEntry, isOfTrace, parseLogLine, sortByTime, type LogEntry } from './trace-logs';

/** Where log lines are read from: every *.log of a directory, one file, or stdin (`-`). */
export type LogSource = { dir: string } | { file: string };

/** The log directory when none is named: TRACEBED_LOG_DIR, else the native stack's, under the current directory. */
export const defaultLogDir = (env: NodeJS.ProcessEnv, cwd: string) => env.TRACEBED_LOG_DIR || path.join(cwd, '.tracebed', 'logs');

/** The entries of one stream with this trace id, read line by line so a big log never sits in memory whole. */
async function entriesIn(stream: Readable, traceId: string): Promise<LogEntry[]> {
  const found: LogEntry[] = [];
  const mentions = new RegExp(traceId.replace(/[^0-9a-z]/gi, ''), 'i');
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    // Parsing only the lines that mention the id keeps a long log fast.
    if (!mentions.test(line)) continue;
    const entry = parseLogLine(line);
    if (entry && isOfTrace(entry, traceId)) found.push(entry);
  }
  return found;
}

export interface CollectedLogs {
  entries: LogEntry[];
  /** Where the lines were looked for, in words: said when nothing matched. */
  lookedIn: string;
}

export async function collectTraceLogs(source: LogSource, traceId: string, stdin: Readable = process.stdin): Promise<CollectedLogs> {
  if ('file' in source) {
    if (source.file === '-') return { entries: await entriesIn(stdin, traceId), lookedIn: 'standard input' };
    return { entries: await entriesIn(createReadStream(source.file), traceId), lookedIn: source.file };
  }
  const info = await stat(source.dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`no log directory at ${source.dir}: name one with --log-dir or TRACEBED_LOG_DIR, or pipe logs in with --log-file - (e.g. docker compose logs --no-log-prefix | pnpm trace --logs <traceId> --log-file -)`);
  const files = (await readdir(source.dir)).filter((name) => name.endsWith('.log')).sort();
  const entries = (await Promise.all(files.map((name) => entriesIn(createReadStream(path.join(source.dir, name)), traceId)))).flat();
  return { entries, lookedIn: `${files.length} .log files in ${source.dir}${files.length ? ` (${files.join(', ')})` : ''}` };
}

/** The trace's log lines, oldest first, as text or a JSON array; an error saying where it looked when there are none. */
export async function traceLogs(source: LogSource, traceId: string, options: { json?: boolean; stdin?: Readable } = {}): Promise<string> {
  const { entries, lookedIn } = await collectTraceLogs(source, traceId, options.stdin);
  if (entries.length === 0) throw new Error(`no log line with trace_id ${traceId} in ${lookedIn}`);
  const sorted = sortByTime(entries);
  return options.json ? JSON.stringify(sorted, null, 2) : sorted.map(formatLogEntry).join('\n');
}
