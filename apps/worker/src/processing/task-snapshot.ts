import type { Prisma, Task } from '@prisma/client';
import { DomainError, isOperationName, type OperationName, type ParamsOf } from '@gradekit/contracts';
import type { TaskSnapshot } from '../operations/operation-handler';

/**
 * A task row's params are what the api's runner wrote from `ParamsOf<Op>` — the type
 * the op's handler receives — so a JSON object read back from the row is that type.
 * Anything else was not written by the api: the task fails as UNPROCESSABLE (final).
 */
function isStoredParams(value: Prisma.JsonValue): value is Prisma.JsonObject & ParamsOf<OperationName> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Input storage keys by role, as the api stored them (non-string values dropped). */
export function storedInputs(value: Prisma.JsonValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [role, key] of Object.entries(value)) if (typeof key === 'string') out[role] = key;
  return out;
}

/** What a handler sees of its task row. */
export function taskSnapshot(task: Task, inputs: Record<string, string>, attempt: number): TaskSnapshot {
  if (!isOperationName(task.op)) throw new DomainError('UNPROCESSABLE', `Unknown operation "${task.op}"`);
  if (!isStoredParams(task.params)) throw new DomainError('UNPROCESSABLE', `Task ${task.id} has no params object`);
  return { id: task.id, userId: task.userId, op: task.op, params: task.params, inputs, attempt };
}
