import { readFileSync } from 'node:fs';
import { projectPath } from '../shared/project-path.ts';

/** The app's version from package.json, read once. */
export const APP_NAME = 'MotivGraph Studio';
export const APP_VERSION: string = (
  JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string }
).version;
