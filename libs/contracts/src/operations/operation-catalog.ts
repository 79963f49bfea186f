import { ACTION_OPERATIONS } from '../features/actions/action.operations';
import { AI_OPERATIONS } from '../features/ai/ai.operations';
import { ANALYZE_OPERATIONS } from '../features/analyze/analyze.operations';
import { BACKGROUND_OPERATIONS } from '../features/background/background.operations';
import { FACES_OPERATIONS } from '../features/faces/faces.operations';
import { GRADING_OPERATIONS } from '../features/grading/grading.operations';
import { LUT_OPERATIONS } from '../features/lut/lut.operations';
import { MATCH_OPERATIONS } from '../features/match/match.operations';
import { STYLE_OPERATIONS } from '../features/style/style.operations';
import { VIDEO_OPERATIONS } from '../features/video/video.operations';
import type { OperationDefinition, TypeOf } from './operation-definition';

/**
 * Every operation a user can ask for, one declaration each, gathered from the
 * features' `<feature>.operations.ts` files (one line per feature here). ShotMatch
 * endpoints, saved actions, toolbox tools, pipelines, enhancement jobs and video
 * grading are facades over these. docs/architecture.md shows how to add one.
 */
export const OPERATION_CATALOG = {
  ...ANALYZE_OPERATIONS,
  ...MATCH_OPERATIONS,
  ...LUT_OPERATIONS,
  ...GRADING_OPERATIONS,
  ...AI_OPERATIONS,
  ...ACTION_OPERATIONS,
  ...VIDEO_OPERATIONS,
  ...BACKGROUND_OPERATIONS,
  ...FACES_OPERATIONS,
  ...STYLE_OPERATIONS,
} as const satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof OPERATION_CATALOG;

export const OPERATION_NAMES = Object.keys(OPERATION_CATALOG) as OperationName[];

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OPERATION_CATALOG, value);
}

type Entry<Op extends OperationName> = (typeof OPERATION_CATALOG)[Op];

/** The request body an operation's route validates (its DTO class's instance). */
export type RequestOf<Op extends OperationName> = InstanceType<Entry<Op>['request']>;

/** The params the api stores on the task and the worker's handler receives: one type for both apps. */
export type ParamsOf<Op extends OperationName> = Entry<Op>['params'] extends TypeOf<infer Params> ? Params : never;

/** What the handler stores as the task's result. */
export type ResultOf<Op extends OperationName> = Entry<Op>['result'] extends TypeOf<infer Result> ? Result : never;

/** The roles of an operation's input files (`match` → 'reference' | 'target'). */
export type InputRoleOf<Op extends OperationName> = Entry<Op>['inputs'][number]['role'];

/** The storage key of an input as the task stores it: a role, or one element of a list role (`target:0`, `target:1`, …). */
export type InputKeyOf<Op extends OperationName> = InputRoleOf<Op> | `${InputRoleOf<Op>}:${number}`;

/** The task's input storage keys by role (`{ reference: 'u/…', target: 'u/…' }`). */
export type InputsOf<Op extends OperationName> = Readonly<Partial<Record<InputKeyOf<Op>, string>>>;
