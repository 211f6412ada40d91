// Resolve options for dependency-cruiser: every workspace package imported by name
// (@tracebed/x, @tracebed/x/sub) resolves to its TypeScript source, not to its built dist/,
// so the check runs on a fresh clone and follows imports across packages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = import.meta.dirname;
const folders = ['services', 'shared', 'tools']
  .flatMap((parent) => readdirSync(path.join(root, parent)).map((name) => path.join(parent, name)))
  .concat('load-tests')
  .filter((folder) => existsSync(path.join(root, folder, 'package.json')));

const nameOf = (folder) => JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')).name;

export default {
  resolve: { alias: Object.fromEntries(folders.map((folder) => [nameOf(folder), path.join(root, folder, 'src')])) },
};
