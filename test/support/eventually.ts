/**
 * Retries an assertion until it passes or the time is up, for effects that land
 * just after a response (usage rows written on 'finish', queue events). It bounds
 * waiting; it asserts nothing about speed.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 5000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
