import type { FaultListing, ListedRule } from '@tracebed/fault-admin-client';

/** What one service answered: its rules, a short note (e.g. `cleared`), or why the call failed. */
export type ServiceReport = { service: string } & ({ listing: FaultListing } | { note: string } | { failure: string });

/** Time left until `expiresAt`, as `45s`, `9m 58s` or `1h 0m`; `never` for rules without a TTL. */
export function formatExpiresIn(expiresAt: string | undefined, now: number): string {
  if (expiresAt === undefined) return 'never';
  const seconds = Math.ceil((Date.parse(expiresAt) - now) / 1_000);
  if (Number.isNaN(seconds)) return '?';
  if (seconds <= 0) return 'expired';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3_600)}h ${Math.floor((seconds % 3_600) / 60)}m`;
}

const ruleRow = (now: number) => (rule: ListedRule) => [rule.rule, rule.source, formatExpiresIn(rule.expiresAt, now)];

function rowsOf(report: ServiceReport, now: number): string[][] {
  if ('failure' in report) return [[`failed: ${report.failure}`]];
  if ('note' in report) return [[report.note]];
  const rows = [...report.listing.rules, ...report.listing.startup].map(ruleRow(now));
  return rows.length > 0 ? rows : [['(no rules)']];
}

/**
 * One section per service, blank lines between them when any runs over a line; a failed
 * service gets one line saying why. Columns are as wide as their widest cell; a one-cell row runs past them.
 */
export function formatTable(reports: readonly ServiceReport[], now: number, header = ['SERVICE', 'RULE', 'SOURCE', 'EXPIRES IN']): string {
  const sections = reports.map((report) => rowsOf(report, now).map((row, index) => [index === 0 ? report.service : '', ...row]));
  const tableRows = [header, ...sections.flat()];
  const widths = header.map((_, column) => Math.max(0, ...tableRows.filter((row) => row.length > column + 1).map((row) => row[column]?.length ?? 0)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd();
  const between = sections.some((rows) => rows.length > 1) ? '\n\n' : '\n';
  return `${line(header)}\n${sections.map((rows) => rows.map(line).join('\n')).join(between)}`;
}
