import { dependencyOutage } from './dependency-outage';

/** Errors shaped as Prisma (over the pg adapter) and ioredis raise them; the names are what the classifier reads. */
function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, extra);
}

describe('dependencyOutage', () => {
  it('names the database for Prisma connection codes and adapter kinds', () => {
    expect(dependencyOutage(named('PrismaClientKnownRequestError', "Can't reach database server at 127.0.0.1:5999", { code: 'P1001' }))).toBe('database');
    expect(dependencyOutage(named('PrismaClientKnownRequestError', 'x', { code: 'P2024' }))).toBe('database');
    expect(dependencyOutage(named('PrismaClientKnownRequestError', 'x', { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } }))).toBe('database');
    expect(dependencyOutage(named('PrismaClientUnknownRequestError', 'x', { meta: { driverAdapterError: { cause: { originalCode: '57P01' } } } }))).toBe('database');
    expect(dependencyOutage(named('PrismaClientInitializationError', 'x'))).toBe('database');
  });

  it('names the database for node-postgres connection errors, bare or wrapped, and bare adapter errors', () => {
    expect(dependencyOutage(new Error('Connection terminated unexpectedly'))).toBe('database');
    expect(dependencyOutage(new Error('Client has encountered a connection error and is not queryable'))).toBe('database');
    expect(dependencyOutage(new Error('outer', { cause: new Error('timeout exceeded when trying to connect') }))).toBe('database');
    expect(dependencyOutage(named('DriverAdapterError', 'ConnectionClosed', { cause: { kind: 'ConnectionClosed' } }))).toBe('database');
    expect(dependencyOutage(named('DriverAdapterError', 'terminating connection due to administrator command'))).toBe('database');
    expect(dependencyOutage(named('PrismaClientKnownRequestError', 'Transaction API error: Transaction already closed', { code: 'P2028' }))).toBe('database');
  });

  it('leaves errors about the query itself alone', () => {
    expect(dependencyOutage(named('PrismaClientKnownRequestError', 'Unique constraint failed', { code: 'P2002' }))).toBeNull();
    expect(dependencyOutage(named('PrismaClientKnownRequestError', 'x', { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '23505' } } } }))).toBeNull();
  });

  it('names Redis for ioredis giving up on a command', () => {
    expect(dependencyOutage(named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 1).'))).toBe('redis');
    expect(dependencyOutage(new Error('Connection is closed.'))).toBe('redis');
    expect(dependencyOutage(new Error('Command timed out'))).toBe('redis');
  });

  it('is null for everything else', () => {
    expect(dependencyOutage(new Error('connect ECONNREFUSED 10.0.0.1:443'))).toBeNull();
    expect(dependencyOutage(new TypeError('x is undefined'))).toBeNull();
    expect(dependencyOutage('Connection is closed.')).toBeNull();
    expect(dependencyOutage(null)).toBeNull();
  });
});
