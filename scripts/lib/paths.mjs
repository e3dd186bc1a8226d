// @ts-check
import { fileURLToPath } from 'node:url';

/** The repository's root folder, whatever the current directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
