import type { DatabaseConnection, Dialect, Driver } from 'kysely';
import { performance } from 'node:perf_hooks';
import { withDriver } from './driver-proxy.js';

/**
 * Which database connections this process holds and since when. A value is sealed just before
 * its query asks for a connection, or inside a transaction that already holds one; so once no
 * connection asked for before a key change is still held, nothing sealed with the previous key
 * can still be on its way to the database (key rotation waits for that).
 */
export class HeldConnections {
  readonly #since = new Set<{ at: number }>();
  readonly #byConnection = new Map<DatabaseConnection, { at: number }>();

  /** performance.now() at which the longest-held connection was asked for; null when none */
  oldest(): number | null {
    let oldest: number | null = null;
    for (const { at } of this.#since) if (oldest === null || at < oldest) oldest = at;
    return oldest;
  }

  dialect(inner: Dialect): Dialect {
    return withDriver(inner, (driver) => ({
      acquireConnection: () => this.#acquire(driver),
      releaseConnection: (connection) => this.#release(driver, connection),
    }));
  }

  async #acquire(driver: Driver): Promise<DatabaseConnection> {
    // counted from the moment it is asked for: the value may wait for a free connection
    const entry = { at: performance.now() };
    this.#since.add(entry);
    try {
      const connection = await driver.acquireConnection();
      this.#byConnection.set(connection, entry);
      return connection;
    } catch (err) {
      this.#since.delete(entry);
      throw err;
    }
  }

  async #release(driver: Driver, connection: DatabaseConnection): Promise<void> {
    const entry = this.#byConnection.get(connection);
    this.#byConnection.delete(connection);
    if (entry) this.#since.delete(entry);
    await driver.releaseConnection(connection);
  }
}
