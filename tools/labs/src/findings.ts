/** One thing a lab check looked at: done, or still missing with a hint towards it. */
export interface Finding {
  ok: boolean;
  text: string;
  hint?: string;
}

export const done = (text: string): Finding => ({ ok: true, text });
export const missing = (text: string, hint?: string): Finding => (hint ? { ok: false, text, hint } : { ok: false, text });

/** A check that cannot go on (no such order, no trace yet): what is missing, said once. */
export class CheckStopped extends Error {
  constructor(readonly finding: Finding) {
    super(finding.text);
  }
}

export const stop = (text: string, hint?: string): never => {
  throw new CheckStopped(missing(text, hint));
};

/** The findings as a learner reads them, ending with the verdict. */
export function renderReport(title: string, findings: Finding[], color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [title, ''];
  for (const finding of findings) {
    lines.push(`  ${finding.ok ? paint(32, '✔') : paint(31, '✘')} ${finding.text}`);
    if (!finding.ok && finding.hint) lines.push(`      ${paint(2, `hint: ${finding.hint}`)}`);
  }
  const open = findings.filter((finding) => !finding.ok).length;
  lines.push('', open === 0 ? paint(32, 'Done: every check passes. Well traced!') : paint(33, `Not yet: ${open} of ${findings.length} still to do.`));
  return lines.join('\n');
}
