import { readFileSync } from 'node:fs';
import { resourcePath } from '../shared/resources.ts';

/** The app's version from package.json, read once. */
export const APP_NAME = 'MotivGraph Studio';
export const APP_VERSION: string = (
  JSON.parse(readFileSync(resourcePath('manifest'), 'utf8')) as { version: string }
).version;
