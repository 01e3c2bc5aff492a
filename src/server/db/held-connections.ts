import type { DatabaseConnection, Dialect, Driver } from 'kysely';
import { performance } from 'node:perf_hooks';

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

  driver(inner: Driver): Driver {
    return new Proxy(inner, {
      get: (target, prop) => {
        if (prop === 'acquireConnection') return () => this.#acquire(target);
        if (prop === 'releaseConnection')
          return (connection: DatabaseConnection) => this.#release(target, connection);
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  dialect(inner: Dialect): Dialect {
    return {
      createAdapter: () => inner.createAdapter(),
      createDriver: () => this.driver(inner.createDriver()),
      createQueryCompiler: () => inner.createQueryCompiler(),
      createIntrospector: (db) => inner.createIntrospector(db),
    };
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
