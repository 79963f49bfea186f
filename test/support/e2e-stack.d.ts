import type { ChildProcess } from 'node:child_process';
import type { TestDatabase } from './test-template-db';

export interface E2eWorker {
  child: ChildProcess;
  port: number;
  url: string;
  log: string;
}

export interface E2eStack {
  apiUrl: string;
  api: ChildProcess;
  workers: E2eWorker[];
  env: Record<string, string>;
  db: TestDatabase;
  dataDir: string;
  spawnWorker(extraEnv?: Record<string, string>): Promise<E2eWorker>;
  stop(): Promise<void>;
}

export function startStack(options?: { workers?: number; env?: Record<string, string> }): Promise<E2eStack>;
export function freePort(): Promise<number>;
