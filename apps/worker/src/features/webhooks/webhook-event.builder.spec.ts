import { eventTypeOf, resultKeys } from './webhook-event.builder';

describe('webhook event helpers', () => {
  it('names the event of a finished task only', () => {
    expect(eventTypeOf('completed')).toBe('task.completed');
    expect(eventTypeOf('failed')).toBe('task.failed');
    expect([eventTypeOf('queued'), eventTypeOf('processing'), eventTypeOf('canceled')]).toEqual([null, null, null]);
  });

  it("collects the files of image, LUT and batch results to presign", () => {
    expect(resultKeys({ key: 'u/1/results/a.jpg', thumbnail_key: 'u/1/results/a.thumb.jpg', width: 4 })).toEqual(['u/1/results/a.jpg', 'u/1/results/a.thumb.jpg']);
    expect(resultKeys({ key: 'u/1/luts/a.cube', filename: 'match.cube' })).toEqual(['u/1/luts/a.cube']);
    expect(resultKeys({ items: [{ key: 'u/1/b0.jpg' }, { error: 'x' }, { key: 'u/1/b2.jpg', thumbnail_key: 'u/1/b2.t.jpg' }] })).toEqual(['u/1/b0.jpg', 'u/1/b2.jpg', 'u/1/b2.t.jpg']);
    expect(resultKeys({ format: 'jpeg', width: 4 })).toEqual([]);
    expect(resultKeys(null)).toEqual([]);
    expect(resultKeys({ key: '' })).toEqual([]);
  });
});
