import { parseRange } from './byte-range';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-199', { start: 100, end: 199 }],
    ['bytes=0-0', { start: 0, end: 0 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    [' bytes=1-2 ', { start: 1, end: 2 }],
  ])('%s of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it.each([['bytes=1000-'], ['bytes=1000-1001'], ['bytes=-0']])('%s of 1000 bytes is unsatisfiable', (header) => {
    expect(parseRange(header, 1000)).toBe('unsatisfiable');
  });

  it('an empty object satisfies no range', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-1', 0)).toBe('unsatisfiable');
  });

  it.each([[undefined], [''], ['bytes=5-1'], ['bytes=-'], ['bytes=0-1,5-6'], ['items=0-1'], ['bytes=a-b'], ['bytes=1-2-3']])(
    'ignores %p (a full answer)',
    (header) => {
      expect(parseRange(header, 1000)).toBeNull();
    },
  );
});
