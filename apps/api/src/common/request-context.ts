import type { Request } from 'express';
import type { UserWithPlan } from '@gradekit/db';

/** Who is calling: resolved once by the auth guard, read by everything after it. */
export interface Principal {
  user: UserWithPlan;
  via: 'api_key' | 'session';
  apiKeyId: string | null;
  sessionId: string | null;
}

export interface GradekitRequest extends Request {
  id: string;
  startedAt: bigint;
  principal?: Principal;
  /** Set by routes that run an operation, for the usage log and metrics. */
  usage?: { op: string; credits: number; sandbox: boolean; taskId: string | null };
}
