import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The version in the package.json above a service's dist/ folder, for service.version. */
export function packageVersion(distDirectory: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDirectory, '..', 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}
