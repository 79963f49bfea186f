import { runCheck } from './readiness-check';

describe('runCheck', () => {
  it('is ok when the ping resolves, an error naming the cause when it rejects, and an error when it hangs past the deadline', async () => {
    expect(await runCheck(async () => 'PONG')).toEqual({ status: 'ok' });
    expect(await runCheck(async () => Promise.reject(new Error('connection refused')))).toEqual({ status: 'error', error: 'connection refused' });
    expect(await runCheck(() => new Promise(() => undefined), 20)).toEqual({ status: 'error', error: 'no answer within 20 ms' });
  });
});
