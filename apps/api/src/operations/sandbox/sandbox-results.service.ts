import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OperationName } from '@gradekit/contracts';
import { SANDBOX_DEMOS } from './sandbox-demos';

/** Static demo results for sandbox calls: same shape as real ones, no task, no charge. */
@Injectable()
export class SandboxResults {
  resultFor(op: OperationName): { task_id: string; result: unknown; history_id: null } {
    // A fresh id keeps the shape of a real answer; sandbox tasks are not stored, so it is not retrievable.
    return { task_id: randomUUID(), result: SANDBOX_DEMOS[op].result, history_id: null };
  }
}
