import { describe, expect, it } from 'vitest'
import type { KObject } from '../../api/types'
import { LAST_APPLIED, lastAppliedConfig, readLastApplied, threeWayMerge, withLastApplied } from './merge'

describe('threeWayMerge (client-side apply)', () => {
  it.each<[string, unknown, unknown, unknown, unknown]>([
    ['changed field wins', { a: 1 }, { a: 2 }, { a: 1, server: 'x' }, { a: 2, server: 'x' }],
    ['field removed from config is deleted', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2, server: 'x' }, { a: 1, server: 'x' }],
    ['field set by others (not in original) is kept', { a: 1 }, { a: 1 }, { a: 1, b: 9 }, { a: 1, b: 9 }],
    ['null deletes', { a: 1 }, { a: null }, { a: 1 }, {}],
    ['nested maps merge', { m: { x: 1 } }, { m: { x: 1, y: 2 } }, { m: { x: 1, z: 3 } }, { m: { x: 1, z: 3, y: 2 } }],
    ['plain lists are replaced', { l: [1, 2] }, { l: [3] }, { l: [1, 2, 9] }, { l: [3] }],
    [
      'containers merge by name, keeping server defaults',
      { containers: [{ name: 'a', image: 'v1' }] },
      { containers: [{ name: 'a', image: 'v2' }] },
      { containers: [{ name: 'a', image: 'v1', imagePullPolicy: 'IfNotPresent' }] },
      { containers: [{ name: 'a', image: 'v2', imagePullPolicy: 'IfNotPresent' }] },
    ],
    [
      'container removed from config is deleted; one added by others is kept',
      { containers: [{ name: 'a' }, { name: 'b' }] },
      { containers: [{ name: 'a' }] },
      { containers: [{ name: 'a' }, { name: 'b' }, { name: 'sidecar' }] },
      { containers: [{ name: 'a' }, { name: 'sidecar' }] },
    ],
    [
      'ports merge by containerPort, env by name',
      { ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
      { ports: [{ containerPort: 80, name: 'http' }], env: [{ name: 'A', value: '2' }] },
      { ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
      { ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }], env: [{ name: 'A', value: '2' }] },
    ],
  ])('%s', (_n, original, modified, current, want) => {
    expect(threeWayMerge(original, modified, current)).toEqual(want)
  })
})

describe('last-applied-configuration', () => {
  const cfg: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', annotations: { note: '<a&b>' } } }
  it('is compact sorted JSON with HTML escaping and a trailing newline, without itself', () => {
    expect(lastAppliedConfig(cfg)).toBe('{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{"note":"\\u003ca\\u0026b\\u003e"},"name":"x"}}\n')
    const bare = lastAppliedConfig({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'y' } })
    expect(bare).toBe('{"apiVersion":"v1","kind":"Namespace","metadata":{"annotations":{},"name":"y"}}\n')
  })
  it('round-trips through the annotation', () => {
    const annotated = withLastApplied(cfg)
    expect(annotated.metadata.annotations?.[LAST_APPLIED]).toBe(lastAppliedConfig(cfg))
    expect(lastAppliedConfig(annotated)).toBe(lastAppliedConfig(cfg))
    expect(readLastApplied(annotated)).toEqual({ ...cfg, metadata: { ...cfg.metadata } })
    expect(readLastApplied({ ...cfg, metadata: { annotations: { [LAST_APPLIED]: 'not json' } } })).toBeUndefined()
  })
})
