import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DomainError, OPERATION_NAMES, isOperationName, type OperationName } from '@gradekit/contracts';
import { TaskHandler, type OperationHandler } from './operation-handler';

/** Optional: replaces the discovered handler list (tests swap in their own); the result is still checked against the catalog. */
export const HANDLER_OVERRIDES = Symbol('HANDLER_OVERRIDES');
export type HandlerOverrides = (discovered: OperationHandler[]) => OperationHandler[];

export interface HandlerCoverage {
  /** Catalog operations without a handler. */
  missing: string[];
  /** Operations with more than one handler. */
  duplicate: string[];
  /** Handlers for names the catalog does not know. */
  unknown: string[];
}

/**
 * Compares the handlers with the catalog: every catalog op must have exactly one
 * handler and no handler may name an op outside it. Pure, so it is unit-tested
 * with any catalog.
 */
export function checkHandlerCoverage(catalogOps: readonly string[], handlerOps: readonly string[]): HandlerCoverage {
  const counts = new Map<string, number>();
  for (const op of handlerOps) counts.set(op, (counts.get(op) ?? 0) + 1);
  const known = new Set(catalogOps);
  return {
    missing: catalogOps.filter((op) => !counts.has(op)),
    duplicate: [...counts].filter(([, n]) => n > 1).map(([op]) => op),
    unknown: [...counts.keys()].filter((op) => !known.has(op)),
  };
}

export function describeCoverageProblems(coverage: HandlerCoverage): string[] {
  const problems: string[] = [];
  if (coverage.missing.length) problems.push(`no handler for: ${coverage.missing.join(', ')}`);
  if (coverage.duplicate.length) problems.push(`more than one handler for: ${coverage.duplicate.join(', ')}`);
  if (coverage.unknown.length) problems.push(`handler for an op the catalog does not know: ${coverage.unknown.join(', ')}`);
  return problems;
}

export class HandlerRegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`The worker cannot start, its handlers do not match the operation catalog: ${problems.join('; ')}`);
    this.name = 'HandlerRegistryError';
  }
}

/**
 * The one handler per catalog operation, discovered among the providers of the
 * feature modules (those marked @TaskHandler()). Built when the application context
 * initialises — every provider exists by then, and no job is taken before it — and a
 * gap or a duplicate throws HandlerRegistryError, so a worker that cannot serve every
 * op never starts.
 */
@Injectable()
export class HandlerRegistry implements OnModuleInit {
  private byOp: ReadonlyMap<OperationName, OperationHandler> = new Map();

  constructor(
    private readonly discovery: DiscoveryService,
    @Optional() @Inject(HANDLER_OVERRIDES) private readonly overrides: HandlerOverrides | null,
  ) {}

  onModuleInit(): void {
    const discovered = this.discovery
      .getProviders({ metadataKey: TaskHandler.KEY })
      .map((wrapper) => wrapper.instance as OperationHandler | undefined)
      .filter((handler): handler is OperationHandler => handler !== undefined);
    this.byOp = HandlerRegistry.index(this.overrides ? this.overrides(discovered) : discovered, OPERATION_NAMES);
  }

  /** Validates `handlers` against `catalogOps` and indexes them by op. */
  static index(handlers: readonly OperationHandler[], catalogOps: readonly string[]): ReadonlyMap<OperationName, OperationHandler> {
    const problems = describeCoverageProblems(checkHandlerCoverage(catalogOps, handlers.map((handler) => handler.op)));
    if (problems.length) throw new HandlerRegistryError(problems);
    return new Map(handlers.map((handler) => [handler.op, handler]));
  }

  /** The handler of `op`; a task naming an op outside the catalog cannot be run (final, refunded). */
  get(op: string): OperationHandler {
    const handler = isOperationName(op) ? this.byOp.get(op) : undefined;
    if (!handler) throw new DomainError('UNPROCESSABLE', `Unknown operation "${op}"`);
    return handler;
  }

  ops(): OperationName[] {
    return [...this.byOp.keys()];
  }
}
