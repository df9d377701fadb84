/**
 * A record of a JavaScript realm's built-in objects — the global object and everything reachable from it through
 * properties and prototypes — taken while only mirrorbox's own code has run there, and a check that nothing in it
 * changed since. The candidate realm's workers (workers/candidate-realm.worker.ts) check after every script run: a
 * program that escaped its engine and set a global, patched a prototype (a hook for the next run) or replaced a
 * function is found, and its worker is not used again.
 *
 * The check only looks at objects recorded at the time of the seal (new objects are found as changed values of the
 * recorded ones), reads descriptors only (no getter runs) and uses functions captured when this module was
 * evaluated, so a program that replaced `Reflect.ownKeys` or `Object.getOwnPropertyDescriptor` cannot blind it.
 */
const ownKeys = Reflect.ownKeys;
const describe = Reflect.getOwnPropertyDescriptor;
const prototypeOf = Reflect.getPrototypeOf;
const extensible = Reflect.isExtensible;
const apply = Reflect.apply;
const mapSet = Map.prototype.set;
const mapHas = Map.prototype.has;
const push = Array.prototype.push;
// NaN is a global's value: identity, not ===.
const same = Object.is;

interface Entry {
  target: object;
  extensible: boolean;
  prototype: object | null;
  /** Flattened per own key: key, value, get, set, flags (writable | enumerable | configurable as bits). */
  keys: PropertyKey[];
  slots: unknown[];
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** A function with no own properties but `length` and `name`: not a constructor, nothing hung on it. */
function plainFunction(f: object): boolean {
  const keys = ownKeys(f);
  for (let k = 0; k < keys.length; k++) if (keys[k] !== 'length' && keys[k] !== 'name') return false;
  return true;
}

function flags(d: PropertyDescriptor): number {
  return (d.writable ? 1 : 0) | (d.enumerable ? 2 : 0) | (d.configurable ? 4 : 0);
}

export class RealmSeal {
  private entries: Entry[] = [];
  private plain: object[] = [];

  /**
   * Records `roots` and everything reachable from them. Object.prototype comes first: a getter planted there for
   * `value` or `get` would lie about every descriptor read after it, so it is checked before any other.
   */
  take(roots: object[] = [Object.prototype, globalThis]): void {
    const seen = new Map<object, true>();
    const entries: Entry[] = [];
    const queue: object[] = [];
    const plain: object[] = [];
    const visit = (value: unknown): void => {
      if (!isObject(value) || apply(mapHas, seen, [value])) return;
      apply(mapSet, seen, [value, true]);
      apply(push, queue, [value]);
    };
    for (const root of roots) visit(root);
    for (let i = 0; i < queue.length; i++) {
      const target = queue[i] as object;
      if (typeof target === 'function' && plainFunction(target)) {
        // Methods, getters and setters are nine in ten of the realm's objects, and have nothing to hide state in
        // but a new property: the check counts their keys instead of reading each descriptor.
        apply(push, plain, [target]);
        continue;
      }
      const entry: Entry = {
        target,
        extensible: extensible(target),
        prototype: prototypeOf(target),
        keys: [],
        slots: [],
      };
      visit(entry.prototype);
      const keys = ownKeys(target);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as PropertyKey;
        const d = describe(target, key);
        if (!d) continue;
        apply(push, entry.keys, [key]);
        apply(push, entry.slots, [d.value, d.get, d.set, flags(d)]);
        visit(d.value);
        visit(d.get);
        visit(d.set);
      }
      apply(push, entries, [entry]);
    }
    this.entries = entries;
    this.plain = plain;
  }

  /** How many objects the seal covers. */
  get size(): number {
    return this.entries.length + this.plain.length;
  }

  /** Undefined while every recorded object is as it was; else one line naming the first change found. */
  broken(): string | undefined {
    const entries = this.entries;
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e] as Entry;
      const target = entry.target;
      if (extensible(target) !== entry.extensible) return `${where(target)} changed extensibility`;
      if (prototypeOf(target) !== entry.prototype) return `${where(target)} changed its prototype`;
      const keys = ownKeys(target);
      if (keys.length !== entry.keys.length) return `${where(target)} gained or lost a property`;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k] as PropertyKey;
        if (key !== entry.keys[k]) return `${where(target)} gained or lost a property`;
        const d = describe(target, key);
        const s = k * 4;
        if (
          !d ||
          !same(d.value, entry.slots[s]) ||
          d.get !== entry.slots[s + 1] ||
          d.set !== entry.slots[s + 2] ||
          flags(d) !== entry.slots[s + 3]
        )
          return `${where(target)}.${String(key)} changed`;
      }
    }
    const plain = this.plain;
    for (let p = 0; p < plain.length; p++) {
      const target = plain[p] as object;
      if (!plainFunction(target) || !extensible(target)) return `${where(target)} was changed`;
    }
    return undefined;
  }
}

/** A readable name for the changed object: the global itself, or what its constructor calls itself. */
function where(target: object): string {
  if (target === globalThis) return 'the global object';
  const ctor = describe(target, 'constructor')?.value as { name?: unknown } | undefined;
  const name = typeof target === 'function' ? describe(target, 'name')?.value : undefined;
  if (typeof name === 'string' && name) return `function ${name}`;
  if (ctor && typeof describe(ctor, 'name')?.value === 'string')
    return `${String(describe(ctor, 'name')?.value)}.prototype`;
  return 'a built-in object';
}
