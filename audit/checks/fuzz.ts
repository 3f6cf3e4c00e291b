import { channels } from '../../src-main/contract/channels.ts';
import type { Answer, AuditServer } from '../server.ts';
import { answersPing, invoke, request } from '../server.ts';
import type { Tally } from '../tally.ts';
import { judgeBadPayload, judgeRefusal, survived } from '../verdict.ts';

/**
 * Every channel of src-main/contract/channels.ts, called as an attacker would: without the token, with a wrong
 * one, with the token only in the query string or only in a cookie (API calls must carry the x-motiv-token
 * header), from a foreign Origin or Host, and with the right token but garbage payloads. Then malformed
 * channel paths. What the user had (settings, graph) must be unchanged afterwards.
 */

const HUGE_STRING = 'A'.repeat(1024 * 1024);
const DEEP_OBJECT = `${'{"x":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
const DEEP_ARRAY = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const POLLUTION = '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';

/** Raw bodies an authorised caller sends; `resultAllowed` where a schema may legitimately accept it. */
const BAD_PAYLOADS: { check: string; body: string; resultAllowed: boolean }[] = [
  { check: 'payload: wrong types', body: '42', resultAllowed: false },
  { check: 'payload: wrong types', body: '"a string"', resultAllowed: false },
  { check: 'payload: wrong types', body: '[1,2,3]', resultAllowed: false },
  {
    check: 'payload: wrong types',
    body: '{"id":{"$ne":null},"name":[[]],"query":123}',
    resultAllowed: false,
  },
  { check: 'payload: not JSON', body: '{"unterminated": ', resultAllowed: false },
  {
    check: 'payload: huge strings',
    body: JSON.stringify({ name: HUGE_STRING, query: HUGE_STRING }),
    resultAllowed: false,
  },
  { check: 'payload: deep nesting', body: DEEP_OBJECT, resultAllowed: false },
  { check: 'payload: deep nesting', body: DEEP_ARRAY, resultAllowed: false },
  { check: 'payload: prototype keys', body: POLLUTION, resultAllowed: true },
];

const BAD_PATHS = [
  '/api/invoke/%E0%A4%A',
  '/api/invoke/%',
  '/api/invoke/app.info%00',
  '/api/invoke/..%2F..%2Fetc%2Fpasswd',
  '/api/invoke/__proto__',
  '/api/invoke/constructor',
  '/api/invoke/%F0%9F%92%A9',
  `/api/invoke/${'x'.repeat(20_000)}`,
];

async function snapshot(server: AuditServer): Promise<string> {
  const settings = await invoke(server, 'settings.get', {});
  const stats = await invoke(server, 'graph.stats', {});
  return `${settings.body}\n${stats.body}`;
}

export async function fuzzChannels(server: AuditServer, tally: Tally): Promise<void> {
  const before = await snapshot(server);
  const names = Object.keys(channels);
  const path = (channel: string): string => `/api/invoke/${channel}`;
  const auth = { 'x-motiv-token': server.token };
  for (const channel of names) {
    const refusals: [string, Promise<Answer>][] = [
      ['auth: no token', request(server, path(channel), { body: '{}' })],
      [
        'auth: wrong token',
        request(server, path(channel), { body: '{}', headers: { 'x-motiv-token': 'x'.repeat(32) } }),
      ],
      [
        'auth: token in query only',
        request(server, `${path(channel)}?token=${server.token}`, { body: '{}' }),
      ],
      [
        'auth: token in cookie only',
        request(server, path(channel), {
          body: '{}',
          headers: { cookie: `motiv_token_${server.port}=${server.token}` },
        }),
      ],
      [
        'auth: foreign Origin',
        request(server, path(channel), { body: '{}', headers: { ...auth, origin: 'https://evil.example' } }),
      ],
      [
        'auth: foreign Host',
        request(server, path(channel), { body: '{}', headers: { ...auth, host: 'evil.example' } }),
      ],
    ];
    for (const [check, pending] of refusals) tally.add(check, judgeRefusal(await pending, server), channel);
    for (const bad of BAD_PAYLOADS) {
      const answer = await request(server, path(channel), { body: bad.body, headers: auth });
      tally.add(bad.check, judgeBadPayload(answer, server, bad.resultAllowed), channel);
    }
  }
  for (const badPath of BAD_PATHS) {
    const answer = await request(server, badPath, { body: '{}', headers: auth });
    // Node's HTTP parser refuses an over-long request line itself (431, no body): clear, and before our code.
    const parserRefusal = answer.status >= 400 && answer.status < 500 && answer.body === '';
    const outcome = parserRefusal ? survived : judgeBadPayload(answer, server, false);
    tally.add('path: malformed channel', outcome, badPath.slice(0, 40));
  }
  // One body over the 10 MB cap: a clear 413, not a buffered 12 MB.
  const oversized = await request(server, path('settings.update'), {
    body: `"${'B'.repeat(12 * 1024 * 1024)}"`,
    headers: auth,
  });
  tally.add('payload: over the size cap', judgeBadPayload(oversized, server, false), 'settings.update 12 MB');

  const alive = server.alive() && (await answersPing(server));
  tally.add(
    'server alive after fuzz',
    alive ? { verdict: 'survived' } : { verdict: 'failed', reason: 'server died' },
  );
  const after = alive ? await snapshot(server) : '';
  tally.add(
    'user data unchanged after fuzz',
    after === before ? { verdict: 'survived' } : { verdict: 'lost', reason: 'settings or graph changed' },
  );
}
