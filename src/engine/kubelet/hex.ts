/**
 * Deterministic hex strings for the runtime's identifiers (container and sandbox IDs, image
 * digests, machine IDs). Real ones are random or content hashes; ours hash a seed string, so
 * the same cluster gets the same IDs and the seeded RNG is left to the decisions that matter.
 */
export function hexDigest(seed: string, chars = 64): string {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  let out = ''
  for (let i = 0; out.length < chars; i++) out += (mix((h ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0) >>> 0).toString(16).padStart(8, '0')
  return out.slice(0, chars)
}

/** murmur3's 32-bit finaliser. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}
