import { describe, expect, it } from 'vitest';
import { submitHandler } from './form-submit.ts';

describe('submitHandler', () => {
  it('keeps the page (the submit is cancelled) and runs the action once', () => {
    let runs = 0;
    const submit = new Event('submit', { cancelable: true });
    submitHandler(() => {
      runs += 1;
    })(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(runs).toBe(1);
  });

  it('starts an asynchronous action without waiting for it', async () => {
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    let finished = false;
    submitHandler(async () => {
      await done;
      finished = true;
    })(new Event('submit', { cancelable: true }));
    expect(finished).toBe(false);
    finish();
    await done;
    await Promise.resolve();
    expect(finished).toBe(true);
  });
});
