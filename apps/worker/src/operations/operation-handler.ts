import { DiscoveryService } from '@nestjs/core';
import type { Logger } from 'pino';
import type { InputKeyOf, InputsOf, OperationName, ParamsOf, ResultOf } from '@gradekit/contracts';
import type { ChargeReconciliation, HistoryInput } from '@gradekit/db';
import type { StorageDriver } from '@gradekit/storage';

/** What a handler sees of its Task: ids, params and the storage keys of its inputs. */
export interface TaskSnapshot<Op extends OperationName = OperationName> {
  readonly id: string;
  /** The owner: every output key a handler writes lives under the owner's prefix. */
  readonly userId: string;
  readonly op: Op;
  /** The params the api stored for this op (its runner takes the same ParamsOf<Op>). */
  readonly params: Readonly<ParamsOf<Op>>;
  /** Input storage keys by role, e.g. `{ image: 'u/<user>/uploads/<uuid>-x.jpg' }`. */
  readonly inputs: InputsOf<Op>;
  /** 1 for the first run, 2 for the first retry, … */
  readonly attempt: number;
}

export interface HandlerContext<Op extends OperationName = OperationName> {
  readonly task: TaskSnapshot<Op>;
  /**
   * The bytes of one input. Throws DomainError NOT_FOUND when the object is gone,
   * PAYLOAD_TOO_LARGE when it exceeds MAX_INPUT_BYTES, UNPROCESSABLE when the task
   * has no such input (all final: the task is failed and refunded, not retried).
   */
  loadInput(role: InputKeyOf<Op>): Promise<Buffer>;
  readonly storage: StorageDriver;
  /** Writes Task.progress (0–100) and the job's progress; best effort, never throws. */
  reportProgress(percent: number): Promise<void>;
  /**
   * Reconciles a task charged from the client's estimate (a video's reported duration)
   * to its true price, once per task however often the job runs: charges or gives back
   * the difference in the ledger. `ok: false` when a further charge is not covered.
   */
  reconcileCredits(truePrice: number): Promise<ChargeReconciliation>;
  /** Aborted when the worker gives its job back at shutdown; long handlers should stop early. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

/**
 * What a handler hands back. `result` must be JSON-serialisable (it is stored on the
 * Task as is). `history` is the History entry for ops that produce something to look
 * at again (an image, a LUT); null for data-only ops such as analyze.
 */
export interface HandlerOutcome<Op extends OperationName = OperationName> {
  result: ResultOf<Op>;
  history?: HistoryInput | null;
  /** Credits to give back for parts not delivered (a batch's failed items); written with the result, once. */
  refundCredits?: number;
}

/**
 * One operation's work. Handlers are idempotent (docs/architecture.md, convention 3): a re-run
 * overwrites its own outputs (deterministic keys per task) and never charges — the
 * processor owns the task row, the ledger and the History write.
 * Errors: throw DomainError with an input code (INVALID_IMAGE, UNSUPPORTED_MEDIA_TYPE,
 * IMAGE_TOO_LARGE, …) for what a retry cannot fix; anything else is retried.
 */
export interface OperationHandler<Op extends OperationName = OperationName> {
  readonly op: Op;
  run(ctx: HandlerContext<Op>): Promise<HandlerOutcome<Op>>;
}

/**
 * Marks a provider as an operation handler. A feature module lists its handlers as
 * providers; the HandlerRegistry discovers every provider carrying this mark at start
 * and checks them against the catalog, so no central list of handlers exists.
 */
export const TaskHandler = DiscoveryService.createDecorator<void>();
