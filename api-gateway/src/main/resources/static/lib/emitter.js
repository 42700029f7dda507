// A small event emitter that behaves the same in browsers and in Node.

export class Emitter {
  /** @type {Map<string, Set<(payload: any) => void>>} */
  #listeners = new Map();

  /**
   * Calls `listener` for every event of `type`; `'*'` gets every event as `{type, payload}`.
   * @returns {() => void} a function that removes the listener
   */
  on(type, listener) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(listener);
    return () => this.off(type, listener);
  }

  off(type, listener) {
    this.#listeners.get(type)?.delete(listener);
  }

  /**
   * The next event of `type` that satisfies `accept` (all of them by default).
   * @param {string} type
   * @param {(payload: any) => boolean} [accept]
   * @param {number} [timeoutMs] rejects after this long (default: never)
   */
  next(type, accept = () => true, timeoutMs = 0) {
    return new Promise((resolve, reject) => {
      let timer;
      const off = this.on(type, (payload) => {
        if (!accept(payload)) return;
        off();
        clearTimeout(timer);
        resolve(payload);
      });
      if (timeoutMs > 0) {
        timer = setTimeout(() => { off(); reject(new Error(`no ${type} event within ${timeoutMs} ms`)); }, timeoutMs);
      }
    });
  }

  /** A listener that throws does not keep the others (or the client) from going on. */
  emit(type, payload) {
    for (const key of [type, '*']) {
      for (const listener of [...(this.#listeners.get(key) ?? [])]) {
        try {
          listener(key === '*' ? { type, payload } : payload);
        } catch (error) {
          console.error(`A listener of ${type} failed`, error);
        }
      }
    }
  }
}
