import { randomUUID } from 'node:crypto';
import { PATH_VALUES, QUERY_VALUES, RawJson, WRONG_VALUES, pick, rawBodyCases, seededRandom, serialise } from './fuzz-values';

/**
 * Walks every path and method of the api's OpenAPI document with malformed requests and
 * reports each answer that breaks the contract for bad input: a 5xx, a 2xx to a body the
 * route must refuse, or a 4xx that is not `{ error, code, details }`. Requests are
 * generated from the document's schemas with a seeded generator (same seed, same
 * requests) and sent over real HTTP, so body parsing, guards and pipes all take part.
 */

type Schema = Record<string, unknown>;
interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  parameters?: { in: string; name: string; schema?: Schema }[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzFinding {
  who: string;
  method: string;
  path: string;
  case: string;
  status: number;
  body: string;
}

export interface FuzzOptions {
  baseUrl: string;
  /** Principals to send every case as: a name and its headers ({} for none). */
  principals: Record<string, Record<string, string>>;
  seed?: number;
  /** Field-level cases per route (wrong values at seeded fields). */
  fieldCases?: number;
  concurrency?: number;
  /** Routes not to walk (`METHOD path`), with the reason kept in the caller. */
  skip?: string[];
}

interface FuzzRequest {
  method: string;
  path: string;
  route: string;
  name: string;
  body: string | null;
  contentType: string | null;
  headers?: Record<string, string>;
  /** True when the route may ignore what was malformed (a body or query it does not read): only 5xx and the error format are checked. */
  lenient: boolean;
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let current = schema ?? {};
  for (let i = 0; i < 10 && typeof current['$ref'] === 'string'; i++) {
    current = doc.components?.schemas?.[(current['$ref'] as string).split('/').pop()!] ?? {};
  }
  const all = current['allOf'] as Schema[] | undefined;
  if (all?.length === 1) return resolve(doc, all[0]);
  return current;
}

/** A plausible body from the schema: examples, defaults and enums, never a usable storage key (nothing can be charged). */
function plausible(doc: OpenApiDocument, raw: Schema | undefined, name = '', depth = 0): unknown {
  const schema = resolve(doc, raw);
  if (depth > 6) return null;
  if (Array.isArray(schema['enum'])) return schema['enum'][0];
  if (/url$/i.test(name)) return 'http://127.0.0.1:1/x.png';
  if (/key$/i.test(name) && schema['type'] === 'string') return `u/${randomUUID()}/images/missing.png`;
  if (schema['example'] !== undefined) return schema['example'];
  if (schema['default'] !== undefined) return schema['default'];
  switch (schema['type']) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (schema['properties'] ?? {}) as Record<string, Schema>;
      for (const [key, prop] of Object.entries(props)) {
        if (resolve(doc, prop)['deprecated'] !== true) out[key] = plausible(doc, prop, key, depth + 1);
      }
      return out;
    }
    case 'array':
      return [plausible(doc, schema['items'] as Schema, name, depth + 1)];
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 1;
    case 'boolean':
      return true;
    case 'string':
      return schema['format'] === 'uuid' ? randomUUID() : 'x';
    default:
      return schema['properties'] ? plausible(doc, { ...schema, type: 'object' }, name, depth) : 'x';
  }
}

/**
 * Whether a value could be a valid one for the field (its JSON type matches; null for an
 * optional field): then a 2xx is acceptable. A value of another type must be refused.
 */
function mayBeValid(schema: Schema, value: unknown): boolean {
  if (value === null) return true;
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).includes(value);
  const number = value instanceof RawJson ? Number(value.text) : value;
  switch (schema['type']) {
    case 'integer':
    case 'number':
      return typeof number === 'number' && Number.isFinite(number);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawJson);
    default:
      return true;
  }
}

function requestsFor(doc: OpenApiDocument, path: string, method: string, op: OpenApiOperation, random: () => number, fieldCases: number): FuzzRequest[] {
  const route = `${method.toUpperCase()} ${path}`;
  const concrete = path.replace(/\{[^}]+\}/g, (m) => (/id\}$/i.test(m) ? randomUUID() : 'missing-name'));
  const base = { method: method.toUpperCase(), route };
  const out: FuzzRequest[] = [];
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const hasBody = schema !== undefined;
  if (BODY_METHODS.has(method) || hasBody) {
    const validBody = plausible(doc, schema);
    const valid = serialise(validBody && typeof validBody === 'object' && !Array.isArray(validBody) ? validBody : {});
    for (const c of rawBodyCases(valid)) {
      // Depth and prototype keys are refused whatever the route reads; the rest only where a body is declared.
      // An empty body is the DTO's defaults, which can be a valid request (POST /storage/presign).
      const alwaysRefused = /deep|__proto__|constructor|NaN|Infinity|truncated|charset|encoding|gzip|garbage|top-level|text\/plain|form|multipart|xml|content type|vendor/.test(c.name);
      const lenient = c.name === 'body: empty body' || c.body === '' || (!hasBody && !alwaysRefused);
      out.push({ ...base, path: concrete, name: `body: ${c.name}`, body: c.body, contentType: c.contentType, headers: c.headers, lenient });
    }
    const props = (resolve(doc, schema)['properties'] ?? {}) as Record<string, Schema>;
    for (const field of pick(random, Object.keys(props), fieldCases)) {
      for (const value of pick(random, WRONG_VALUES, 2)) {
        const body = { ...(validBody as object), [field]: value };
        const lenient = mayBeValid(resolve(doc, props[field]), value);
        out.push({ ...base, path: concrete, name: `field ${field} = ${serialise(value).slice(0, 40)}`, body: serialise(body), contentType: 'application/json', lenient });
      }
    }
  }
  const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  for (const name of [...queryNames, '__proto__', 'constructor']) {
    for (const value of pick(random, QUERY_VALUES, 2)) {
      const refused = name === '__proto__' || name === 'constructor';
      out.push({ ...base, path: `${concrete}?${name}=${encodeURIComponent(value)}`, name: `query ${name}=${value.slice(0, 20)}`, body: null, contentType: null, lenient: !refused });
    }
  }
  if (path.includes('{')) {
    for (const value of pick(random, PATH_VALUES, 4)) {
      const bad = path.replace(/\{[^}]+\}/, value);
      const filled = bad.replace(/\{[^}]+\}/g, () => randomUUID());
      const body = BODY_METHODS.has(method) ? '{}' : null;
      out.push({ ...base, path: filled, name: `path ${value.slice(0, 20)}`, body, contentType: body ? 'application/json' : null, lenient: true });
    }
  }
  return out;
}

function isErrorFormat(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return typeof body['error'] === 'string' && typeof body['code'] === 'string' && Array.isArray(body['details']);
  } catch {
    return false;
  }
}

async function send(baseUrl: string, req: FuzzRequest, auth: Record<string, string>): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...auth, ...(req.headers ?? {}) };
  if (req.contentType) headers['Content-Type'] = req.contentType;
  const res = await fetch(`${baseUrl}${req.path}`, {
    method: req.method,
    headers,
    body: req.body === null ? undefined : Buffer.from(req.body, 'utf8'),
  });
  return { status: res.status, text: await res.text() };
}

function verdict(req: FuzzRequest, status: number, text: string): boolean {
  if (status >= 500) return false;
  if (status >= 400) return status === 416 || isErrorFormat(text);
  return req.lenient;
}

/** Sends every generated request as every principal; resolves with what broke the contract. */
export async function fuzzOpenApi(doc: OpenApiDocument, options: FuzzOptions): Promise<{ findings: FuzzFinding[]; requests: number; statuses: Record<number, number> }> {
  const random = seededRandom(options.seed ?? 1);
  const skip = new Set(options.skip ?? []);
  const requests: FuzzRequest[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!skip.has(`${method.toUpperCase()} ${path}`)) requests.push(...requestsFor(doc, path, method, op, random, options.fieldCases ?? 6));
    }
  }
  const jobs = Object.entries(options.principals).flatMap(([who, auth]) => requests.map((req) => ({ who, auth, req })));
  const findings: FuzzFinding[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const { who, auth, req } = jobs[next++]!;
      const { status, text } = await send(options.baseUrl, req, auth);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (!verdict(req, status, text)) findings.push({ who, method: req.method, path: req.route, case: req.name, status, body: text.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { findings, requests: jobs.length, statuses };
}
