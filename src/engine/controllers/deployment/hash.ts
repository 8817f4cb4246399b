import type { PodTemplateSpec } from '../../api/types'
import { NAME_ALPHABET } from '../../rng'

/**
 * The pod-template-hash (REFERENCE 5.6): `controller.ComputeHash` in
 * `pkg/controller/controller_utils.go`, and apimachinery's `rand.SafeEncodeString`.
 *
 * Upstream feeds FNV-1a (32 bit) with a go-spew `%#v` dump of the Go `PodTemplateSpec`
 * struct — bytes we cannot reproduce outside Go. We hash a canonical JSON of the template
 * instead (keys sorted, absent fields dropped), then append the collision count exactly as
 * upstream does. So our hashes are not the ones a real cluster would print for the same
 * template, but they have every property that matters: stable per (template, collisionCount),
 * 1–10 characters of `[4-9bcdf]`, and a new value after a collision bump.
 *
 * @example
 *   computeHash(template)      // e.g. '7d9f6b5c8'
 *   safeEncodeString('3141592653') // '75859f6b97'
 */

/** FNV-1a, 32 bit (Go's `hash/fnv` `New32a`). */
export function fnv1a32(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash >>> 0
  for (const b of bytes) {
    h ^= b
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/**
 * `rand.SafeEncodeString`: each byte `b` of the string becomes `alphanums[b % 27]` — no vowels
 * and no 0/1/3, so a hash never spells a word. Decimal digits map to `4 5 6 7 8 9 b c d f`.
 */
export function safeEncodeString(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length]
  return out
}

/** JSON with object keys sorted and `undefined` fields dropped: the same template always gives the same text. */
export function canonicalJSON(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJSON(x))).join(',')}]`
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`
  }
  return JSON.stringify(v)
}

const encoder = new TextEncoder()

/**
 * `ComputeHash(template, collisionCount)`: FNV-1a over the template, then — only when
 * `collisionCount` is set (0 included) — its 4 bytes little-endian followed by 4 zero bytes
 * (upstream writes an 8-byte buffer of which PutUint32 fills the first 4).
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number | null): string {
  let h = fnv1a32(encoder.encode(canonicalJSON(template)))
  if (collisionCount !== undefined && collisionCount !== null) {
    const buf = new Uint8Array(8)
    new DataView(buf.buffer).setUint32(0, collisionCount >>> 0, true)
    h = fnv1a32(buf, h)
  }
  return safeEncodeString(String(h))
}
