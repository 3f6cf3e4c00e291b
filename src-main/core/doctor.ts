import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DoctorCheck, DoctorReport } from '../contract/doctor.ts';
import { APP_VERSION } from './app-version.ts';
import { hasUrlCredentials, redactUrlCredentials } from '../shared/url-credentials.ts';
import { LLM_ROLES } from '../llm/config.ts';
import type { AppConfig, LlmSection } from './config.ts';

export interface DoctorInput {
  dataDir: string;
  settingsFile: string;
  logFile: string;
  config: AppConfig;
  timeoutMs?: number;
}

/**
 * What is configured and what answers: the data directory, the LLM endpoint, and Neo4j when configured. Reads
 * the same loaded configuration the agents use (core/config.ts), so it probes the endpoint, key and models they
 * would use.
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const timeoutMs = input.timeoutMs ?? 4000;
  const checks: DoctorCheck[] = [checkDataDir('data directory', input.dataDir)];
  checks.push(await checkLlm(input.config.llm, timeoutMs));
  // A role with an endpoint of its own (llm.endpoints) is probed as its agent would reach it.
  for (const role of LLM_ROLES) {
    const own = input.config.llm.roles[role];
    if (own.ownEndpoint) checks.push(await checkLlm(own, timeoutMs, `LLM endpoint (${role})`));
  }
  checks.push(await checkNeo4j(input.config.neo4j, input.config.neo4jProblem, timeoutMs));
  return {
    version: APP_VERSION,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    dataDir: input.dataDir,
    store: input.config.store,
    config: input.config.entries,
    checks,
  };
}

/** The data directory as the app will find it; a missing one is fine when it can be created (first run). */
function checkDataDir(name: string, dir: string): DoctorCheck {
  const found = statSync(dir, { throwIfNoEntry: false });
  if (found && !found.isDirectory()) return { name, status: 'fail', detail: `${dir} is not a directory` };
  if (found) {
    return isWritable(dir)
      ? { name, status: 'ok', detail: `${dir} is writable` }
      : { name, status: 'fail', detail: `${dir} is not writable` };
  }
  const ancestor = nearestExisting(dirname(dir));
  return ancestor && statSync(ancestor).isDirectory() && isWritable(ancestor)
    ? { name, status: 'ok', detail: `${dir} does not exist yet; it is created on first use` }
    : { name, status: 'fail', detail: `${dir} cannot be created` };
}

function nearestExisting(dir: string): string | null {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(at)) return at;
    if (dirname(at) === at) return null;
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function checkLlm(
  llm: Omit<LlmSection, 'roles'>,
  timeoutMs: number,
  name = 'LLM endpoint',
): Promise<DoctorCheck> {
  const given = llm.givenBaseUrl;
  if (given && hasUrlCredentials(given)) {
    // fetch refuses such URLs outright: "unreachable" would send the user looking in the wrong place.
    const url = redactUrlCredentials(`${given.replace(/\/+$/, '')}/models`);
    return {
      name,
      status: 'fail',
      detail: `${url}: credentials in URL: redacted; remove user:password@ and store the key as the API key`,
    };
  }
  if (llm.problem) return { name, status: 'fail', detail: llm.problem.message };
  if (!llm.resolved || !llm.configured) {
    return { name, status: 'skipped', detail: 'not configured (set MOTIV_LLM_BASE_URL or the LLM settings)' };
  }
  const local = llm.resolved.local;
  if (local) {
    // The built-in engine has no server to ask: the file is what can be missing (it loads on the first call).
    return existsSync(local.path)
      ? { name, status: 'ok', detail: `local model ${local.path} (loaded on the first call)` }
      : { name, status: 'fail', detail: `local model ${local.path} does not exist` };
  }
  const baseUrl = llm.resolved.baseUrl;
  const url = redactUrlCredentials(`${baseUrl}/models`);
  // The key goes only where the agents would send it (core/llm-key-binding.ts): not to an unconfirmed endpoint.
  if (llm.keyRefusal) return { name, status: 'warn', detail: llm.keyRefusal.message };
  const apiKey = llm.resolved.apiKey;
  try {
    const headers: Record<string, string> = apiKey.isSet
      ? { authorization: `Bearer ${apiKey.reveal()}` }
      : {};
    const res = await fetch(`${baseUrl}/models`, {
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 401 || res.status === 403) {
      return { name, status: 'fail', detail: `${url} refused the API key (HTTP ${res.status})` };
    }
    if (!res.ok) return { name, status: 'warn', detail: `${url} answered HTTP ${res.status}` };
    return { name, status: 'ok', detail: `${url} answered` };
  } catch (err) {
    const reason =
      err instanceof Error && err.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : 'unreachable';
    return { name, status: 'fail', detail: `${url}: ${reason}` };
  }
}

async function checkNeo4j(
  neo4j: AppConfig['neo4j'],
  problem: AppConfig['neo4jProblem'],
  timeoutMs: number,
): Promise<DoctorCheck> {
  const name = 'Neo4j';
  if (!neo4j) return { name, status: 'skipped', detail: 'not configured: the embedded store is used' };
  if (problem) return { name, status: 'fail', detail: problem.message };
  const uri = redactUrlCredentials(neo4j.uri);
  if (hasUrlCredentials(neo4j.uri)) {
    return {
      name,
      status: 'fail',
      detail: `${uri}: credentials in URL: redacted; remove user:password@ and set neo4j.user and the stored password`,
    };
  }
  const { default: driverModule } = await import('neo4j-driver');
  const auth = neo4j.user ? driverModule.auth.basic(neo4j.user, neo4j.password ?? '') : undefined;
  const driver = driverModule.driver(neo4j.uri, auth, {
    connectionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
  });
  try {
    const info = await driver.getServerInfo(neo4j.database ? { database: neo4j.database } : {});
    return { name, status: 'ok', detail: `${uri} answered (${info.agent ?? 'Neo4j'})` };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const detail = code.includes('Unauthorized')
      ? `${uri}: authentication failed`
      : `${uri}: unreachable (${code || 'no answer'})`;
    return { name, status: 'fail', detail };
  } finally {
    await driver.close();
  }
}
