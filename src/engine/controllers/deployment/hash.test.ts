import { describe, expect, it } from 'vitest'
import { canonicalJSON, computeHash, fnv1a32, safeEncodeString } from './hash'
import { deployment } from './test-fixtures'

const bytes = (s: string) => new TextEncoder().encode(s)

describe('pod-template-hash (REFERENCE 5.6)', () => {
  it('FNV-1a 32 matches the reference vectors', () => {
    expect(fnv1a32(bytes(''))).toBe(0x811c9dc5)
    expect(fnv1a32(bytes('a'))).toBe(0xe40c292c)
    expect(fnv1a32(bytes('foobar'))).toBe(0xbf9cf968)
  })

  it('SafeEncodeString maps digits to 4 5 6 7 8 9 b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf')
    expect(safeEncodeString('3141592653')).toBe('75859f6b97')
  })

  it('is stable per template, ignores key order, and uses only [4-9bcdf], 1–10 long', () => {
    const t = deployment('web', 1).spec.template
    const reordered = JSON.parse(JSON.stringify({ spec: t.spec, metadata: t.metadata }))
    expect(computeHash(t)).toBe(computeHash(reordered))
    expect(canonicalJSON({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe('{"a":[1,{"d":2}],"b":1}')
    const h = computeHash(t)
    expect(h).toMatch(/^[4-9bcdf]{1,10}$/)
    const other = deployment('web', 1, { image: 'nginx:1.27' }).spec.template
    expect(computeHash(other)).not.toBe(h)
  })

  it('a collision count changes the hash, and 0 differs from none', () => {
    const t = deployment('web', 1).spec.template
    const hashes = new Set([computeHash(t), computeHash(t, 0), computeHash(t, 1), computeHash(t, 2)])
    expect(hashes.size).toBe(4)
    expect(computeHash(t, 1)).toBe(computeHash(t, 1))
  })
})
