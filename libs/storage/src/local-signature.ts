import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Presigned URLs of the local driver. The api serves them at LOCAL_OBJECT_ROUTE; the
 * signature is HMAC-SHA256(secret, canonical string) over everything that changes what
 * the URL grants: operation, key, expiry, the content type a PUT must carry, the
 * download name a GET answers with and the largest body a PUT accepts (`mb`). The
 * canonical string is a JSON array, so no value can be shifted into a neighbouring field
 * by embedding a separator.
 *
 * `mb` was added later: a URL without it signs the original six-element array, so every
 * URL issued before still verifies (GET URLs live up to 7 days), and a URL with it signs
 * a seventh element, so the limit can be neither stripped, added nor changed.
 */
export const LOCAL_OBJECT_ROUTE = '/api/v1/storage/object/';
const VERSION = 'gradekit-local-v1';

export type LocalPresignOp = 'get' | 'put';

export interface LocalSignedFields {
  op: LocalPresignOp;
  key: string;
  /** Unix seconds; as a string when it comes straight from a query parameter. */
  expires: number | string;
  contentType?: string | null;
  downloadName?: string | null;
  /** PUT only: the largest body in bytes; as a string when it comes straight from a query parameter. */
  maxBytes?: number | string | null;
}

export interface LocalSignatureParams extends LocalSignedFields {
  sig: string;
}

export type LocalSignatureVerdict = 'ok' | 'expired' | 'bad-signature';

function hasMaxBytes(fields: LocalSignedFields): boolean {
  return fields.maxBytes !== undefined && fields.maxBytes !== null;
}

function canonical(fields: LocalSignedFields): string {
  const signed = [VERSION, fields.op, fields.key, String(fields.expires), fields.contentType ?? '', fields.downloadName ?? ''];
  if (hasMaxBytes(fields)) signed.push(String(fields.maxBytes));
  return JSON.stringify(signed);
}

/** Hex HMAC of the canonical string. */
export function signLocalUrl(secret: string, fields: LocalSignedFields): string {
  return createHmac('sha256', secret).update(canonical(fields)).digest('hex');
}

/**
 * Checks a presigned local URL's parameters. The signature is checked before the
 * expiry so a forged URL is always 'bad-signature' (it learns nothing from the
 * answer); the comparison is constant-time. `now` is injectable for tests.
 */
export function verifyLocalSignature(
  secret: string,
  params: LocalSignatureParams,
  now: Date | number = Date.now(),
): LocalSignatureVerdict {
  if (params.op !== 'get' && params.op !== 'put') return 'bad-signature';
  if (!/^\d{1,12}$/.test(String(params.expires))) return 'bad-signature';
  // A present limit must be a canonical decimal, so the api enforces exactly the value that was signed.
  if (hasMaxBytes(params) && !/^[1-9]\d{0,15}$/.test(String(params.maxBytes))) return 'bad-signature';
  if (typeof params.sig !== 'string' || !/^[0-9a-f]{64}$/.test(params.sig)) return 'bad-signature';
  const expected = Buffer.from(signLocalUrl(secret, params), 'hex');
  const provided = Buffer.from(params.sig, 'hex');
  if (!timingSafeEqual(expected, provided)) return 'bad-signature';
  const nowSeconds = Math.floor((now instanceof Date ? now.getTime() : now) / 1000);
  return nowSeconds > Number(params.expires) ? 'expired' : 'ok';
}

/**
 * `<publicBaseUrl>/api/v1/storage/object/<key>?op=…&expires=…[&ct=…][&dn=…][&mb=…]&sig=…`.
 * Keys contain only URL-safe characters, so the path needs no escaping.
 */
export function buildLocalPresignedUrl(publicBaseUrl: string, secret: string, fields: LocalSignedFields): string {
  const query = new URLSearchParams({ op: fields.op, expires: String(fields.expires) });
  if (fields.contentType) query.set('ct', fields.contentType);
  if (fields.downloadName) query.set('dn', fields.downloadName);
  if (hasMaxBytes(fields)) query.set('mb', String(fields.maxBytes));
  query.set('sig', signLocalUrl(secret, fields));
  return `${publicBaseUrl.replace(/\/+$/, '')}${LOCAL_OBJECT_ROUTE}${fields.key}?${query.toString()}`;
}

/**
 * The verifyLocalSignature input from a request to LOCAL_OBJECT_ROUTE: the key (the
 * path after the route) and the query parameters as the api's framework parsed them.
 * A repeated or missing parameter yields a field that cannot verify.
 */
export function localSignatureParamsFromQuery(
  key: string,
  query: Record<string, string | string[] | undefined>,
): LocalSignatureParams {
  const one = (name: string): string | undefined => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    op: one('op') as LocalPresignOp,
    key,
    expires: one('expires') ?? '',
    contentType: one('ct'),
    downloadName: one('dn'),
    maxBytes: one('mb'),
    sig: one('sig') ?? '',
  };
}
