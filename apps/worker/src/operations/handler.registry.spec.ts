import type { DiscoveryService } from '@nestjs/core';
import { DomainError, OPERATION_NAMES } from '@gradekit/contracts';
import { HandlerRegistry, HandlerRegistryError, checkHandlerCoverage, describeCoverageProblems } from './handler.registry';
import type { OperationHandler } from './operation-handler';

/** The real registry over a stand-in for Nest's discovery (the adapter boundary): it finds exactly `handlers`. */
function registryOf(handlers: OperationHandler[]): HandlerRegistry {
  const discovery = { getProviders: () => handlers.map((instance) => ({ instance })) } as unknown as DiscoveryService;
  const registry = new HandlerRegistry(discovery, null);
  registry.onModuleInit();
  return registry;
}

function handler(op: string): OperationHandler {
  return { op, run: async () => ({ result: { op } }) } as unknown as OperationHandler;
}

describe('handler registry', () => {
  it('accepts exactly one handler per catalog op', () => {
    expect(checkHandlerCoverage(['analyze', 'match'], ['match', 'analyze'])).toEqual({ missing: [], duplicate: [], unknown: [] });
  });

  it('names missing, duplicate and unknown ops', () => {
    const coverage = checkHandlerCoverage(['analyze', 'match', 'preset'], ['analyze', 'analyze', 'lut', 'preset']);
    expect(coverage).toEqual({ missing: ['match'], duplicate: ['analyze'], unknown: ['lut'] });
    expect(describeCoverageProblems(coverage)).toEqual([
      'no handler for: match',
      'more than one handler for: analyze',
      'handler for an op the catalog does not know: lut',
    ]);
  });

  it('refuses to build a registry with a gap, naming the op', () => {
    expect(() => HandlerRegistry.index([], ['analyze'])).toThrow(HandlerRegistryError);
    expect(() => HandlerRegistry.index([], ['analyze'])).toThrow(/no handler for: analyze/);
    expect(() => HandlerRegistry.index([handler('analyze'), handler('analyze')], ['analyze'])).toThrow(/more than one handler for: analyze/);
    expect(() => HandlerRegistry.index([handler('analyze'), handler('teleport')], ['analyze'])).toThrow(/does not know: teleport/);
  });

  it('serves every op of the real catalog and refuses unknown ops with a final domain error', () => {
    const registry = registryOf(OPERATION_NAMES.map(handler));
    expect(registry.ops().sort()).toEqual([...OPERATION_NAMES].sort());
    expect(registry.get('analyze').op).toBe('analyze');
    let error: unknown;
    try {
      registry.get('teleport');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNPROCESSABLE');
    expect(() => registry.get('__proto__')).toThrow(DomainError);
  });

  it('fails the real registry when a catalog op has no handler', () => {
    expect(() => registryOf([])).toThrow(new RegExp(`no handler for: ${OPERATION_NAMES.join(', ')}`));
  });
});
