/**
 * Seeded randomness for training. mulberry32 (Tommy Ettinger's public-domain 32-bit generator) drives
 * sampling; hash32 gives counter-based numbers so parallel workers draw the same values for the same
 * row no matter how rows are split between threads.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-mixed 32-bit hash of (key, seed) — the finalizer of murmur3 applied to their combination. */
export function hash32(key: number, seed: number): number {
  let h = (Math.imul(key, 0x9e3779b1) ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
