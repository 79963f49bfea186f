import { Prisma } from '@prisma/client';

/** True for Postgres unique-constraint violations (Prisma's P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
