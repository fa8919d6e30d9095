/**
 * An in-memory Storage, like window.localStorage, that can be made to fail
 * the way browsers do: full (QuotaExceededError) or refused (SecurityError).
 */
export class MemoryStorage {
  constructor({ quota = Infinity } = {}) {
    this.items = new Map();
    this.quota = quota;
    this.refuse = false;
  }

  getItem(key) {
    if (this.refuse) throw new DOMException("The operation is insecure.", "SecurityError");
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    if (this.refuse) throw new DOMException("The operation is insecure.", "SecurityError");
    const others = [...this.items].filter(([k]) => k !== key).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (others + key.length + String(value).length > this.quota) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    this.items.set(key, String(value));
  }

  get length() {
    return this.items.size;
  }

  key(index) {
    return [...this.items.keys()][index] ?? null;
  }

  removeItem(key) {
    if (this.refuse) throw new DOMException("The operation is insecure.", "SecurityError");
    this.items.delete(key);
  }
}
