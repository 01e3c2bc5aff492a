import type { Dialect, Driver } from 'kysely';

/**
 * A dialect whose driver has some methods replaced. Kysely's drivers keep private fields, so
 * every other method is called on the original driver itself.
 */
export function withDriver(inner: Dialect, override: (driver: Driver) => Partial<Driver>): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => {
      const driver = inner.createDriver();
      const replaced = override(driver);
      return new Proxy(driver, {
        get: (target, prop) => {
          if (Object.hasOwn(replaced, prop)) return replaced[prop as keyof Driver];
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}
