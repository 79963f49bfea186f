/**
 * The malformed values and bodies the OpenAPI fuzzer sends (openapi-fuzzer.ts), and the
 * seeded generator that picks among them: the same seed gives the same requests, so a
 * failure found once reproduces.
 */
import { createRng } from '@gradekit/color';

/** The engine's seeded generator (mulberry32): small, fast, good enough to pick test cases. */
export const seededRandom = createRng;

export function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

/**
 * A value that JSON.stringify cannot write (1e999 parses to Infinity, NaN is not JSON at
 * all): the body is serialised with a placeholder that is then replaced by the raw text.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Serialises a body that may hold RawJson values. */
export function serialise(value: unknown): string {
  const raws: string[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0000raw${raws.length - 1}\u0000`;
    }
    return v;
  });
  return json.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]!);
}

export function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

export function nestedArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Values of the wrong type (or out of any sane range) for a field, whatever its type. */
export const WRONG_VALUES: readonly unknown[] = [
  123,
  -1,
  1.5,
  0,
  true,
  null,
  [],
  {},
  'str',
  '',
  ['x', 1, null],
  { nested: { deeper: [1, { x: 'y' }] } },
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('1e-999'),
  new RawJson('-0'),
  9007199254740993,
  'A'.repeat(100_000),
  '\u0000\u001f\ud800',
  '../../../etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  { __proto__: null, constructor: { prototype: { polluted: true } } },
  Array.from({ length: 10_000 }, (_, i) => i),
];

/** Whole-body cases: the raw text sent, and the content type it is sent with. */
export interface RawBodyCase {
  name: string;
  body: string | null;
  contentType: string | null;
  headers?: Record<string, string>;
}

export function rawBodyCases(valid: string): RawBodyCase[] {
  const json = 'application/json';
  return [
    { name: 'nested object 5000 deep', body: nestedObject(5000), contentType: json },
    { name: 'nested array 3000 deep', body: nestedArray(3000), contentType: json },
    { name: 'nested under a field', body: `{"x":${nestedObject(100)}}`, contentType: json },
    { name: '__proto__ key', body: valid.replace(/^\{/, '{"__proto__":{"role":"admin"},'), contentType: json },
    { name: 'constructor key', body: valid.replace(/^\{/, '{"constructor":{"prototype":{"role":"admin"}},'), contentType: json },
    { name: 'nested __proto__', body: '{"a":{"b":{"__proto__":{"x":1}}}}', contentType: json },
    { name: 'unknown field', body: valid.replace(/^\{/, '{"zz_unknown_field":1,'), contentType: json },
    { name: 'empty body', body: '', contentType: json },
    { name: 'truncated', body: valid.slice(0, Math.max(1, Math.floor(valid.length / 2))), contentType: json },
    { name: 'NaN literal', body: '{"x":NaN}', contentType: json },
    { name: 'Infinity literal', body: '{"x":Infinity}', contentType: json },
    { name: 'top-level array', body: '[]', contentType: json },
    { name: 'top-level array of bodies', body: `[${valid}]`, contentType: json },
    { name: 'top-level string', body: '"x"', contentType: json },
    { name: 'top-level null', body: 'null', contentType: json },
    { name: 'huge array', body: `{"x":[${'1,'.repeat(200_000)}1]}`, contentType: json },
    { name: 'huge string', body: `{"x":"${'A'.repeat(1_000_000)}"}`, contentType: json },
    { name: 'duplicate keys', body: valid.replace(/^\{/, '{"x":1,"x":{},'), contentType: json },
    { name: 'text/plain', body: valid, contentType: 'text/plain' },
    { name: 'form-urlencoded', body: 'a=1&b[c]=2&__proto__[x]=1', contentType: 'application/x-www-form-urlencoded' },
    { name: 'multipart', body: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n', contentType: 'multipart/form-data; boundary=b' },
    { name: 'xml', body: '<?xml version="1.0"?><a>1</a>', contentType: 'application/xml' },
    { name: 'no content type', body: valid, contentType: null },
    { name: 'unsupported charset', body: valid, contentType: 'application/json; charset=x-bogus' },
    { name: 'utf-16 charset', body: valid, contentType: 'application/json; charset=utf-16' },
    { name: 'gzip claimed', body: valid, contentType: json, headers: { 'Content-Encoding': 'gzip' } },
    { name: 'unknown encoding', body: valid, contentType: json, headers: { 'Content-Encoding': 'x-bogus' } },
    { name: 'vendor json type', body: valid, contentType: 'application/vnd.api+json' },
    { name: 'binary garbage', body: '\u0000\u00ff\u00fe{', contentType: json },
  ];
}

/** Path parameter values: malformed ids, traversal, bad percent-encoding, control bytes, huge. */
export const PATH_VALUES: readonly string[] = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '..%2F..%2Fetc%2Fpasswd',
  '%E0%A4%A',
  '%00',
  '%',
  'a'.repeat(3000),
  '__proto__',
  'constructor',
  '1e999',
  '-1',
];

/** Query values, for each declared query parameter (plus unknown and prototype names). */
export const QUERY_VALUES: readonly string[] = ['abc', '-1', '1e999', 'NaN', 'Infinity', '1.5', '99999999999999999999', '', '%E0%A4%A', 'a'.repeat(5000)];
