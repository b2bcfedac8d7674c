/**
 * Chevrotain 13 (Langium 4's parser) calls Object.groupBy, which Node 20 — the Node of VS Code 1.96
 * hosts such as code-server — does not have. Import this module before any Langium module.
 */
declare global {
  interface ObjectConstructor {
    groupBy<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K): Partial<Record<K, T[]>>;
  }
}

if (typeof Object.groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value: function groupBy<T, K extends PropertyKey>(items: Iterable<T>, key: (item: T, index: number) => K) {
      const groups = Object.create(null) as Record<K, T[]>;
      let index = 0;
      for (const item of items) (groups[key(item, index++)] ??= []).push(item);
      return groups;
    },
  });
}

export {};
