import { accessSync, constants } from 'node:fs';
import type { DoctorCheck, DoctorReport } from '../contract/doctor.ts';
import { APP_VERSION } from './app-version.ts';
import { hasUrlCredentials, redactUrlCredentials } from '../shared/url-credentials.ts';
import type { ConnectionConfig } from './config.ts';

export interface DoctorInput {
  dataDir: string;
  settingsFile: string;
  logFile: string;
  config: ConnectionConfig;
  timeoutMs?: number;
}

/** What is configured and what answers: the data directory, the LLM endpoint, and Neo4j when configured. */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const timeoutMs = input.timeoutMs ?? 4000;
  const checks: DoctorCheck[] = [checkWritable('data directory', input.dataDir)];
  checks.push(await checkLlm(input.config.llm, timeoutMs));
  checks.push(await checkNeo4j(input.config.neo4j, timeoutMs));
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

function checkWritable(name: string, dir: string): DoctorCheck {
  try {
    accessSync(dir, constants.W_OK);
    return { name, status: 'ok', detail: `${dir} is writable` };
  } catch {
    return { name, status: 'fail', detail: `${dir} is not writable` };
  }
}

async function checkLlm(llm: ConnectionConfig['llm'], timeoutMs: number): Promise<DoctorCheck> {
  const name = 'LLM endpoint';
  if (!llm.baseUrl) {
    return { name, status: 'skipped', detail: 'not configured (set MOTIV_LLM_BASE_URL or the LLM settings)' };
  }
  const url = redactUrlCredentials(`${llm.baseUrl.replace(/\/+$/, '')}/models`);
  if (hasUrlCredentials(llm.baseUrl)) {
    // fetch refuses such URLs outright: "unreachable" would send the user looking in the wrong place.
    return {
      name,
      status: 'fail',
      detail: `${url}: credentials in URL: redacted; remove user:password@ and store the key as the API key`,
    };
  }
  try {
    const headers: Record<string, string> = llm.apiKey ? { authorization: `Bearer ${llm.apiKey}` } : {};
    const res = await fetch(`${llm.baseUrl.replace(/\/+$/, '')}/models`, {
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

async function checkNeo4j(neo4j: ConnectionConfig['neo4j'], timeoutMs: number): Promise<DoctorCheck> {
  const name = 'Neo4j';
  if (!neo4j) return { name, status: 'skipped', detail: 'not configured: the embedded store is used' };
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
