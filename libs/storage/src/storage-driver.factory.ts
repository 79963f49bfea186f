import { LocalStorageDriver } from './local-storage.driver';
import { S3StorageDriver } from './s3-storage.driver';
import type { StorageDriver, StorageOptions } from './storage-driver.interface';

/**
 * The one place a driver is chosen. The apps validate their environment into
 * StorageOptions and wrap the result in a provider; nothing here reads the environment.
 */
export function createStorageDriver(options: StorageOptions): StorageDriver {
  switch (options.driver) {
    case 'local':
      return new LocalStorageDriver(options);
    case 's3':
      return new S3StorageDriver(options);
  }
}
