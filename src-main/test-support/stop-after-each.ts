import { afterEach } from 'vitest';

interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Wraps a starter (a scripted server, a harness) so that whatever it starts is stopped after the test that started
 * it: a test can then write `const h = await start(...)` and never leaks a server into the next test.
 */
export function stopAfterEach<Args extends unknown[], Started extends Stoppable>(
  start: (...args: Args) => Promise<Started>,
): (...args: Args) => Promise<Started> {
  const running: Started[] = [];
  afterEach(async () => {
    for (const started of running.splice(0)) await started.stop();
  });
  return async (...args) => {
    const started = await start(...args);
    running.push(started);
    return started;
  };
}
