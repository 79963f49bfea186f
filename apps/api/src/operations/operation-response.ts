import type { Task } from '@prisma/client';

/** The body of a paid call that finished within the sync timeout (docs/architecture.md, public API conventions). */
export interface OperationResultBody {
  task_id: string;
  result: unknown;
  history_id: string | null;
  credits_used: number;
  credits_remaining: number;
  sandbox: boolean;
  /** Base64 of the output image, when asked for or when the input came as base64. */
  image?: string;
}

/** The body of a paid call still running at the sync timeout (HTTP 202). */
export interface AcceptedBody {
  task_id: string;
  status: Task['status'];
  status_url: string;
  credits_used: number;
  credits_remaining: number;
  sandbox: false;
}

/** A task as GET /api/v1/tasks/{id} shows it. */
export interface TaskBody {
  id: string;
  op: string;
  status: Task['status'];
  progress: number;
  /** Seconds left, extrapolated from the progress so far (processing tasks with progress > 0); null otherwise. */
  eta_seconds: number | null;
  result: unknown;
  error: { code: string; message: string; details?: unknown[] } | null;
  credits_used: number;
  history_id: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/**
 * Linear extrapolation of the time a task has run over its progress: ffmpeg-driven
 * progress (video) is proportional to frames done, which is close to linear in time.
 */
export function etaSeconds(task: Pick<Task, 'status' | 'progress' | 'startedAt'>, now = Date.now()): number | null {
  if (task.status !== 'processing' || !task.startedAt || task.progress <= 0 || task.progress >= 100) return null;
  const elapsed = (now - task.startedAt.getTime()) / 1000;
  return Math.max(0, Math.round((elapsed * (100 - task.progress)) / task.progress));
}

export function taskBody(task: Task & { history?: { id: string } | null }, creditsUsed: number): TaskBody {
  return {
    id: task.id,
    op: task.op,
    status: task.status,
    progress: task.progress,
    eta_seconds: etaSeconds(task),
    result: task.result ?? null,
    error: (task.error as TaskBody['error']) ?? null,
    credits_used: creditsUsed,
    history_id: task.history?.id ?? null,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
    started_at: task.startedAt?.toISOString() ?? null,
    finished_at: task.finishedAt?.toISOString() ?? null,
  };
}
