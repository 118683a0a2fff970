import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root: catalog entries and statemachines/ paths are relative to it. */
export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export const fromRoot = (relative: string): string => path.join(projectRoot, relative);
