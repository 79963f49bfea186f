import { RunSlots } from './run-slots';

/** A unit of work the test finishes by hand. */
function deferred() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('RunSlots', () => {
  it('runs at most `size` at once, the rest in arrival order', async () => {
    const slots = new RunSlots(1);
    const order: string[] = [];
    const a = deferred();
    const b = deferred();
    const first = slots.with(undefined, async () => (order.push('a start'), await a.done, order.push('a end')));
    const second = slots.with(undefined, async () => (order.push('b start'), await b.done, order.push('b end')));
    const third = slots.with(undefined, async () => order.push('c'));
    await Promise.resolve();
    expect(order).toEqual(['a start']);
    expect(slots.queued).toBe(2);
    a.finish();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['a start', 'a end', 'b start']);
    b.finish();
    await Promise.all([second, third]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c']);
  });

  it('lets two run together with two slots', async () => {
    const slots = new RunSlots(2);
    let running = 0;
    let peak = 0;
    const work = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    await Promise.all([slots.with(undefined, work), slots.with(undefined, work), slots.with(undefined, work)]);
    expect(peak).toBe(2);
  });

  it('drops a waiter whose signal aborts, and frees the slot after a failure', async () => {
    const slots = new RunSlots(1);
    const a = deferred();
    const running = slots.with(undefined, () => a.done);
    const controller = new AbortController();
    const waiting = slots.with(controller.signal, async () => 'ran');
    controller.abort(new Error('handed back'));
    await expect(waiting).rejects.toThrow('handed back');
    expect(slots.queued).toBe(0);
    a.finish();
    await running;
    await expect(slots.with(undefined, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.with(undefined, async () => 'next')).resolves.toBe('next');
  });
});
