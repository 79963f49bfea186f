import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/**
 * The api answers JSON and files, never pages: its policy forbids everything a document
 * could do (scripts, frames, plugins, forms) and sandboxes whatever is opened anyway, so
 * even a stored object rendered on this origin cannot run.
 */
const API_CSP = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  sandbox: [],
};

/**
 * Swagger UI (/api/docs) is a page: its own scripts and stylesheets (inline styles in its
 * HTML), data: images and fonts, and calls to this origin for "Try it out". No
 * upgrade-insecure-requests: a self-hosted install on plain http must keep working.
 */
const DOCS_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  upgradeInsecureRequests: null,
};

export const DOCS_PATH = '/api/docs';

/** One year, the preload lists' minimum. */
const HSTS = 'max-age=31536000; includeSubDomains';

function helmetWith(directives: Record<string, string[] | null>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Presigned object URLs and results are loaded by front-ends on other origins (<img>, <video>).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Set below, and only over TLS: on plain http the header is meaningless, and it must not
    // be pinned to a host that a dev install serves without certificates.
    strictTransportSecurity: false,
  });
}

/**
 * Security headers on every answer (helmet): nosniff, frame options, CSP, Referrer-Policy,
 * and HSTS when the request came over TLS (req.secure honours X-Forwarded-Proto from the
 * trusted proxies set in bootstrap). Registered first, so 404s and errors carry them too.
 */
export function securityHeaders(): RequestHandler {
  const api = helmetWith(API_CSP);
  const docs = helmetWith(DOCS_CSP);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    const isDocs = req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`);
    (isDocs ? docs : api)(req, res, next);
  };
}
