import { DomainError } from '@gradekit/contracts';
import type { HistoryRepository } from '@gradekit/db';
import type { HistoryEntry } from '@prisma/client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isHistoryId(id: string): boolean {
  return UUID.test(id);
}

/** The owner's entry, else a 404 — also for a malformed id, which can name no entry (as for tasks). */
export async function historyEntryOf(history: HistoryRepository, ownerId: string, id: string): Promise<HistoryEntry> {
  const entry = isHistoryId(id) ? await history.find(ownerId, id) : null;
  if (!entry) throw DomainError.notFound('History entry');
  return entry;
}
