/**
 * Rules for names and passwords, shared by the API's DTOs and the provisioning
 * service (which the admin CLI and the seed use too), so every way in accepts the same.
 */
export const ACCOUNT_RULES = {
  /**
   * 3–32 characters, starting with a letter or digit; letters, digits, `_`, `.`, `-`.
   * No `@`: login accepts a username or an email in one field, so the two can never be confused.
   */
  usernamePattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/,
  usernameHint: '3–32 characters: letters, digits, "_", "." or "-", starting with a letter or digit',
  passwordMinLength: 8,
  /** Long enough for any passphrase, short enough that hashing cannot be used to burn CPU. */
  passwordMaxLength: 256,
  emailMaxLength: 254,
} as const;

/** Usernames and emails are stored and compared lower-case. */
export function normaliseLogin(value: string): string {
  return value.trim().toLowerCase();
}
