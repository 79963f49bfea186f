-- A task charged from an estimate (video: the client's duration) is reconciled to its
-- true price once: one signed `adjustment` row per task (the unique (task_id, kind) index).
ALTER TYPE "LedgerKind" ADD VALUE 'adjustment';
