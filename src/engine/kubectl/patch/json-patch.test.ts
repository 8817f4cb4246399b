import { describe, expect, it } from 'vitest'
import { applyJsonPatch, decodeJsonPatch } from './json-patch'

const doc = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'x' }], replicas: 2 } }

describe('JSON Patch (RFC 6902)', () => {
  it.each([
    [[{ op: 'replace', path: '/spec/replicas', value: 5 }], (o: any) => expect(o.spec.replicas).toBe(5)],
    [[{ op: 'add', path: '/metadata/labels/tier', value: 'fe' }], (o: any) => expect(o.metadata.labels).toEqual({ app: 'web', tier: 'fe' })],
    [[{ op: 'add', path: '/spec/containers/-', value: { name: 'b' } }], (o: any) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['a', 'b'])],
    [[{ op: 'add', path: '/spec/containers/0', value: { name: 'z' } }], (o: any) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['z', 'a'])],
    [[{ op: 'remove', path: '/metadata/labels/app' }], (o: any) => expect(o.metadata.labels).toEqual({})],
    [[{ op: 'move', from: '/spec/replicas', path: '/spec/count' }], (o: any) => expect([o.spec.replicas, o.spec.count]).toEqual([undefined, 2])],
    [[{ op: 'copy', from: '/metadata/labels', path: '/spec/labels' }], (o: any) => expect(o.spec.labels).toEqual({ app: 'web' })],
    [[{ op: 'test', path: '/spec/replicas', value: 2 }, { op: 'replace', path: '/spec/replicas', value: 3 }], (o: any) => expect(o.spec.replicas).toBe(3)],
    [[{ op: 'add', path: '/metadata/annotations', value: { 'a~b/c': '1' } }, { op: 'replace', path: '/metadata/annotations/a~0b~1c', value: '2' }], (o: any) => expect(o.metadata.annotations).toEqual({ 'a~b/c': '2' })],
  ])('%j', (ops, check) => {
    check(applyJsonPatch(doc, ops))
  })

  it.each([
    [[{ op: 'replace', path: '/spec/missing', value: 1 }], 'replace operation does not apply: doc is missing key: /spec/missing: missing value'],
    [[{ op: 'remove', path: '/metadata/labels/nope' }], 'remove operation does not apply: doc is missing path: "/metadata/labels/nope": missing value'],
    [[{ op: 'add', path: '/no/such/path', value: 1 }], 'add operation does not apply: doc is missing path: "/no/such/path": missing value'],
    [[{ op: 'test', path: '/spec/replicas', value: 3 }], 'testing value /spec/replicas failed: test failed'],
    [[{ op: 'frobnicate', path: '/x' }], 'Unexpected kind: frobnicate'],
  ])('%j fails: %s', (ops, message) => {
    expect(() => applyJsonPatch(doc, ops)).toThrow(message)
  })

  it('the patch must be an array of operations', () => {
    expect(() => decodeJsonPatch({ op: 'add' })).toThrow('json: cannot unmarshal object into Go value of type jsonpatch.Patch')
  })
})
