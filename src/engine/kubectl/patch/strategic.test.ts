import { describe, expect, it } from 'vitest'
import { strategicMerge } from './strategic'

const pod = {
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a'] },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] },
      { name: 'log', image: 'busybox' },
    ],
    tolerations: [{ key: 'x', operator: 'Exists' }],
  },
}

describe('strategic merge patch', () => {
  it.each([
    ['maps merge, null deletes', { metadata: { labels: { tier: 'fe', app: null } } }, (o: any) => expect(o.metadata.labels).toEqual({ tier: 'fe' })],
    [
      'containers merge by name',
      { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } },
      (o: any) => expect(o.spec.containers.map((c: any) => [c.name, c.image, c.ports?.length])).toEqual([['nginx', 'nginx:1.28', 1], ['log', 'busybox', undefined]]),
    ],
    [
      'a new container is appended',
      { spec: { containers: [{ name: 'sidecar', image: 'envoy' }] } },
      (o: any) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['nginx', 'log', 'sidecar']),
    ],
    [
      'env merges by name inside the matched container; ports by containerPort',
      { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', value: '2' }], ports: [{ containerPort: 443 }] }] } },
      (o: any) => {
        expect(o.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }])
        expect(o.spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }])
      },
    ],
    ['$patch: delete removes a list element', { spec: { containers: [{ name: 'log', $patch: 'delete' }] } }, (o: any) => expect(o.spec.containers.map((c: any) => c.name)).toEqual(['nginx'])],
    [
      '$patch: replace replaces the list',
      { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } },
      (o: any) => expect(o.spec.containers).toEqual([{ name: 'only', image: 'x' }]),
    ],
    ['lists without a merge key are replaced', { spec: { tolerations: [{ key: 'y', operator: 'Exists' }] } }, (o: any) => expect(o.spec.tolerations).toEqual([{ key: 'y', operator: 'Exists' }])],
    ['finalizers merge as a set', { metadata: { finalizers: ['b', 'a'] } }, (o: any) => expect(o.metadata.finalizers).toEqual(['a', 'b'])],
    ['$deleteFromPrimitiveList', { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, (o: any) => expect(o.metadata.finalizers).toEqual([])],
    ['$patch: replace on a map', { metadata: { labels: { x: '1', $patch: 'replace' } } }, (o: any) => expect(o.metadata.labels).toEqual({ x: '1' })],
  ])('%s', (_name, patch, check) => {
    check(strategicMerge(pod, patch))
  })

  it('does not touch its input', () => {
    const before = JSON.stringify(pod)
    strategicMerge(pod, { spec: { containers: [{ name: 'nginx', image: 'z' }] } })
    expect(JSON.stringify(pod)).toBe(before)
  })
})
