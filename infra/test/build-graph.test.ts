import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './checkers';

/** Every workspace package that compiles with tsc: a folder of services/, shared/ or tools/, and load-tests. */
function compiledPackages(): string[] {
  const inGroup = (group: string) =>
    readdirSync(path.join(repoRoot, group))
      .map((name) => `${group}/${name}`)
      .filter((folder) => existsSync(path.join(repoRoot, folder, 'tsconfig.json')));
  return [...inGroup('services'), ...inGroup('shared'), ...inGroup('tools'), 'load-tests'].sort();
}

// The root tsconfig.json has comments, which JSON.parse refuses.
const withoutComments = (text: string) => text.replace(/^\s*\/\/.*$/gm, '');

describe('the root build graph', () => {
  it('references every compiled package, so `pnpm build` (tsc -b) builds them all', () => {
    const root = JSON.parse(withoutComments(readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8'))) as { references: { path: string }[] };
    const referenced = root.references.map((reference) => path.posix.normalize(reference.path)).sort();
    expect(referenced).toEqual(compiledPackages());
  });
});
