/** One dependency's state in a /readyz answer. */
export type CheckResult = { status: 'ok' } | { status: 'error'; error: string };

/**
 * Runs one dependency check (a ping) with a deadline, so a hung dependency reads as
 * down instead of hanging the probe. Shared by the api's and the worker's /readyz.
 */
export async function runCheck(run: () => Promise<unknown>, timeoutMs = 2000): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([run(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)))]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'error', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
