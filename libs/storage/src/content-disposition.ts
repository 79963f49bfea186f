import { sanitizeFilename } from './object-key';

/**
 * `attachment; filename="…"[; filename*=UTF-8''…]` for a download name. The quoted
 * name is the sanitised one (no quotes or CR/LF can reach the header); the RFC 5987
 * form, which keeps the user's original characters, is added only when sanitising
 * changed the name (it is redundant otherwise, and s3rver, unlike S3 and MinIO,
 * mis-verifies presigned URLs whose overrides contain ' or *).
 * The S3 driver passes it as response-content-disposition; the api's local-storage
 * route sets it as the Content-Disposition header, so both answer identically.
 */
export function contentDisposition(downloadName: string): string {
  const base = String(downloadName).split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  const fallback = sanitizeFilename(cleaned);
  if (fallback === cleaned) return `attachment; filename="${fallback}"`;
  const encoded = encodeURIComponent(cleaned === '' ? fallback : cleaned).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
