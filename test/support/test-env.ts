/** Where the tests find their services: the environment's, else the local defaults. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
