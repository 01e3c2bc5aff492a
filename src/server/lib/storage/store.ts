import type { Readable } from 'node:stream';

/**
 * Where files live, by key: local disk now, an S3-compatible bucket later. Keys are opaque
 * paths of lower-case letters, digits and dashes, separated by slashes. The store keeps bytes
 * as given; whoever calls it encrypts first.
 */
export interface BlobStore {
  /** Stores the whole stream under `key`, or nothing: the key appears only once all of it is durable. */
  put(key: string, data: AsyncIterable<Buffer>): Promise<{ bytes: number }>;
  /** The stored bytes; fails with StoreMissingError when there is nothing under `key`. */
  get(key: string): Promise<Readable>;
  /** Removes what is under `key`; nothing there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /**
   * The keys of everything stored before `before`, in no order; partial writes older than that
   * (a crash mid-put) are removed on the way.
   */
  listOlderThan(before: Date): AsyncIterable<string>;
}

export class StoreMissingError extends Error {
  constructor(key: string) {
    super(`nothing stored under ${key}`);
    this.name = 'StoreMissingError';
  }
}

const KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export const isKey = (key: string) => KEY.test(key) && key.length <= 200;

/** Refuses a key that could leave the store's root (`..`, absolute paths) or is empty. */
export function checkKey(key: string): string {
  if (!isKey(key)) throw new Error(`invalid storage key ${key}`);
  return key;
}
