import { DomainError } from '@gradekit/contracts';
import { isOwnedBy, isValidObjectKey } from '@gradekit/storage';

/**
 * A storage key a request names, checked before anything touches storage: a malformed key
 * is a 400 naming the field; another owner's key is a 404 exactly like a missing one, so
 * nobody can learn which keys exist outside their namespace.
 */
export function assertOwnedKey(ownerId: string, key: string, field: string): void {
  if (!isValidObjectKey(key)) throw DomainError.validation(`${field} is not a valid storage key`, [{ field, message: 'not a valid storage key' }]);
  if (!isOwnedBy(key, ownerId)) throw new DomainError('NOT_FOUND', `${field} not found`, [{ field, message: 'no such object in your storage' }]);
}
