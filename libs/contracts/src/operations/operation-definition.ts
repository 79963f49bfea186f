import type { PlanId } from '../plans/plans';
import type { QueueName } from '../queues/queue-names';

/** What an operation hands back: JSON data, an image, a list of images (`items`), a LUT file or a video. */
export type OperationOutput = 'data' | 'image' | 'images' | 'lut' | 'video';

/**
 * One entry of the operation catalog. The api derives price, plan check and queue
 * from it; the worker registers exactly one handler per name and refuses to start
 * if an entry has none.
 */
export interface OperationDefinition<Name extends string = string> {
  readonly name: Name;
  readonly summary: string;
  /**
   * Credits charged when the task is created (refunded if it finally fails) — per
   * unit: per call, or per item for batch operations (a failed item is refunded).
   */
  readonly credits: number;
  readonly minPlan: PlanId;
  readonly queue: QueueName;
  readonly output: OperationOutput;
  /** Roles of the input files, each resolved to a storage key before enqueueing. */
  readonly inputs: readonly string[];
}
