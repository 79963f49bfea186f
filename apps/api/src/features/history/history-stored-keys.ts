import type { DeletedHistoryEntry } from '@gradekit/db';
import { isOwnedBy, ownerPrefix, TASK_OUTPUT_FOLDERS } from '@gradekit/storage';

/**
 * The storage objects a deleted history entry owned: its row's result, thumbnail and LUT,
 * and every further output its task's stored result names (a batch's other images and
 * thumbnails, a video grade's per-shot .cube files beside its zip).
 *
 * Only keys the task itself wrote are returned: `u/<owner>/<results|thumbnails|luts>/<task
 * id>` followed by `.` or `-` (outputs are keyed by the task id, docs/architecture.md,
 * Conventions 3). The result also names the task's inputs (`target_key`, a reference the
 * user uploaded, maybe into a folder called `results`): those are the user's files, not
 * the entry's, and a key that is not provably the task's is left alone rather than risked.
 */
export function storedKeysOf(ownerId: string, entry: DeletedHistoryEntry): string[] {
  const prefixes = TASK_OUTPUT_FOLDERS.map((folder) => `${ownerPrefix(ownerId)}${folder}/${entry.taskId}`);
  const isTaskOutput = (value: string): boolean =>
    isOwnedBy(value, ownerId) && prefixes.some((prefix) => value.startsWith(prefix) && (value[prefix.length] === '.' || value[prefix.length] === '-'));
  const keys = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (isTaskOutput(value)) keys.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  visit([entry.outputKey, entry.thumbnailKey, entry.lutKey, entry.taskResult]);
  return [...keys];
}
