import type { OperationName } from '@gradekit/contracts';
import analyzeDemo from './demo/analyze.json';

/**
 * What sandbox mode answers for each operation: a real result computed once from
 * a demo photo and shipped with the api (see demo/README.md for how each was made).
 * The Record over every OperationName makes a new catalog entry without a demo a
 * type error, so sandbox mode covers every paid endpoint by construction.
 */
export type SandboxDemo = { kind: 'data'; result: unknown };

export const SANDBOX_DEMOS: Record<OperationName, SandboxDemo> = {
  analyze: { kind: 'data', result: analyzeDemo },
};
