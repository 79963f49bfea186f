import type { Task } from '@prisma/client';
import type { Logger } from 'pino';
import type { TasksRepository, UsersRepository } from '@gradekit/db';
import { ownerPrefix, type StorageDriver } from '@gradekit/storage';
import { errorSummary } from './job-error.classifier';

/**
 * The owner-deleted path of a failed job. Tasks are deleted only with their owner, so a
 * user deleted while one of their jobs ran leaves nothing to fail or refund (the rows
 * went with them) — but files the handler wrote after the owner's storage was cleared
 * would be orphans no one can see or delete, so the owner's prefix is cleared again.
 */
export class OwnerDeletionCleaner {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly users: UsersRepository,
    private readonly storage: StorageDriver,
    private readonly logger: Logger,
  ) {}

  /**
   * True when the task's owner was deleted while it ran; their storage has then been
   * cleared again (a failure to is logged, not thrown: the job ends the same way).
   * False when the owner is still there, or on any doubt.
   */
  async clearIfOwnerDeleted(task: Pick<Task, 'id' | 'userId'>): Promise<boolean> {
    if (!(await this.ownerDeletedDuringRun(task))) return false;
    await this.storage.deletePrefix(ownerPrefix(task.userId)).catch((cleanup: unknown) => {
      this.logger.error({ taskId: task.id, userId: task.userId, err: errorSummary(cleanup) }, 'owner deleted during the job: its outputs could not be removed');
    });
    return true;
  }

  /**
   * True when the task's row and its owner are both gone. False on any doubt, a
   * database error included, so the usual retry path takes over.
   */
  private async ownerDeletedDuringRun(task: Pick<Task, 'id' | 'userId'>): Promise<boolean> {
    try {
      return (await this.tasks.findForProcessing(task.id)) === null && (await this.users.findById(task.userId)) === null;
    } catch {
      return false;
    }
  }
}
