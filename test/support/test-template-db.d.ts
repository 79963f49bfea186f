export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}
export function ensureTemplateDatabase(): Promise<void>;
export function createTestDatabase(label?: string): Promise<TestDatabase>;
export function dropStaleTestDatabases(olderThanMs?: number): Promise<void>;
export function adminUrl(): string;
