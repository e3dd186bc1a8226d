import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The text of a real capture under spec/fixtures/ (see spec/fixtures/README.md for how each was made). */
export function fixture(path: string): string {
  return readFileSync(root + path, 'utf8');
}

/** The file names in a fixture folder, sorted. */
export function fixtureDir(path: string): string[] {
  return readdirSync(root + path).sort();
}
