import { DomainError } from './domain-error';

/** Seconds a client is told to wait (Retry-After) when Postgres or Redis is down: about one reconnect cycle. */
export const DEPENDENCY_RETRY_AFTER_S = 5;

/** Which backing service an error says is unreachable. */
export type Dependency = 'database' | 'redis';

const DEPENDENCY_NAMES: Record<Dependency, string> = { database: 'The database', redis: 'The job queue (Redis)' };

/**
 * The 503 a caller gets while `dependency` is down: one shape for every place that
 * answers it (the error filter for any outage error, the runner when an enqueue fails
 * after the charge was refunded). `retry_after` becomes the Retry-After header.
 */
export function dependencyUnavailableError(dependency: Dependency, consequence = 'nothing was charged or changed by this request'): DomainError {
  return new DomainError('DEPENDENCY_UNAVAILABLE', `${DEPENDENCY_NAMES[dependency]} is unavailable; ${consequence}. Try again shortly.`, [
    { message: `${dependency} unreachable`, dependency, retry_after: DEPENDENCY_RETRY_AFTER_S },
  ]);
}

/**
 * Prisma's codes for "the database is not there right now" (can't reach, timed out,
 * server closed the connection, pool exhausted, too many connections), as opposed to
 * errors about the query itself.
 */
const PRISMA_OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);

/**
 * node-postgres' own errors for a connection that died or never came: the pg driver adapter
 * passes these through unconverted (they carry no SQLSTATE), with whatever wrapper Prisma adds.
 */
const PG_CONNECTION_MESSAGE = /(Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|timeout exceeded when trying to connect|Query read timeout)/;

/** What the pg driver adapter reports for the same conditions (Prisma's driverAdapterError.cause.kind). */
const ADAPTER_OUTAGE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'DatabaseDoesNotExist']);

/** Postgres SQLSTATEs of a server going away or not yet accepting: class 08 (connection), 57P01–57P03 (shutdown, crash, starting up). */
const PG_OUTAGE_STATE = /^(08|57P0[123])/;

/** ioredis' ways of saying the command never reached a live server. */
const REDIS_OUTAGE_MESSAGE = /^(Connection is closed|Stream isn't writeable|Command timed out|LOADING |MASTERDOWN |Reached the max retries per request)/;

interface ErrorLike {
  cause?: unknown;
  name?: unknown;
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
}

/**
 * Classifies an error as an outage of Postgres or Redis (or null: anything else).
 * Decided from names, codes and messages, with no import of Prisma or ioredis, so the
 * api (answers 503 DEPENDENCY_UNAVAILABLE) and the worker (postpones the job without
 * using an attempt) share one definition.
 */
export function dependencyOutage(error: unknown, depth = 0): Dependency | null {
  if (!error || typeof error !== 'object') return null;
  const own = classify(error as ErrorLike);
  // A wrapper (ours, Prisma's, BullMQ's) may keep the real error as its cause.
  if (own || depth >= 3) return own;
  return dependencyOutage((error as ErrorLike).cause, depth + 1);
}

function classify(error: ErrorLike): Dependency | null {
  const e = error;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (name === 'PrismaClientInitializationError') return 'database';
  if (name === 'PrismaClientKnownRequestError' || name === 'PrismaClientUnknownRequestError' || name === 'DriverAdapterError') {
    if (typeof e.code === 'string' && PRISMA_OUTAGE_CODES.has(e.code)) return 'database';
    // Wrapped by Prisma, the adapter's error sits in meta; thrown bare, it is the DriverAdapterError's own cause.
    const cause = e.meta?.driverAdapterError?.cause ?? (name === 'DriverAdapterError' ? (e.cause as { kind?: unknown; originalCode?: unknown } | undefined) : undefined);
    if (typeof cause?.kind === 'string' && ADAPTER_OUTAGE_KINDS.has(cause.kind)) return 'database';
    if (typeof cause?.originalCode === 'string' && PG_OUTAGE_STATE.test(cause.originalCode)) return 'database';
    if (/terminating connection|Connection terminated|the database system is (starting up|shutting down)|Can't reach database server/i.test(message)) return 'database';
    return null;
  }
  if (PG_CONNECTION_MESSAGE.test(message)) return 'database';
  if (name === 'MaxRetriesPerRequestError') return 'redis';
  if (REDIS_OUTAGE_MESSAGE.test(message) && !name.startsWith('Prisma')) return 'redis';
  return null;
}
