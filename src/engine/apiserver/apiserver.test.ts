import { describe, expect, it } from 'vitest'
import { testContext } from '../testing/context'
import { ApiError } from './errors'
import type { KObject } from '../api/types'

const pod = (name: string, extra: Partial<KObject['metadata']> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...extra },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
})

function err(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('API server', () => {
  it('sets uid, resourceVersion, creationTimestamp, generation and the defaults', () => {
    const { api } = testContext()
    const p = api.create('pods', pod('a'))
    expect(p.metadata.namespace).toBe('default')
    expect(p.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(p.metadata.resourceVersion).toBe(String(api.revision()))
    expect(p.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z')
    expect(p.metadata.generation).toBe(1)
    expect(p.spec.restartPolicy).toBe('Always')
    expect(p.spec.terminationGracePeriodSeconds).toBe(30)
    expect(p.spec.schedulerName).toBe('default-scheduler')
    expect(p.spec.containers[0].imagePullPolicy).toBe('IfNotPresent')
    expect(p.status.phase).toBe('Pending')
    expect(p.status.qosClass).toBe('BestEffort')
  })

  it('adds the 300 s not-ready/unreachable tolerations (DefaultTolerationSeconds)', () => {
    const { api } = testContext()
    const p = api.create('pods', pod('a'))
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])
  })

  it('generateName appends 5 characters from the apimachinery alphabet, deterministic per seed', () => {
    const a = testContext(5).api.create('pods', { ...pod(''), metadata: { generateName: 'web-' } })
    const b = testContext(5).api.create('pods', { ...pod(''), metadata: { generateName: 'web-' } })
    expect(a.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(b.metadata.name).toBe(a.metadata.name)
  })

  it('rejects a duplicate with AlreadyExists', () => {
    const { api } = testContext()
    api.create('pods', pod('a'))
    expect(err(() => api.create('pods', pod('a'))).kubectlMessage()).toBe('Error from server (AlreadyExists): pods "a" already exists')
  })

  it('NamespaceLifecycle: the namespace must exist', () => {
    const { api } = testContext()
    const e = err(() => api.create('pods', pod('a', { namespace: 'nope' })))
    expect(e.code).toBe(404)
    expect(e.message).toBe('namespaces "nope" not found')
  })

  it('the immortal namespaces cannot be deleted', () => {
    const { api } = testContext()
    expect(err(() => api.delete('namespaces', undefined, 'default')).kubectlMessage()).toBe(
      'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted',
    )
  })

  it('a terminating namespace refuses new content', () => {
    const { api } = testContext()
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } })
    api.delete('namespaces', undefined, 'tmp')
    expect(api.get('namespaces', undefined, 'tmp').status.phase).toBe('Terminating')
    expect(err(() => api.create('pods', pod('a', { namespace: 'tmp' }))).message).toBe(
      'pods "a" is forbidden: unable to create new content in namespace tmp because it is being terminated',
    )
  })

  it('returns 409 Conflict on a stale resourceVersion, with the registry text', () => {
    const { api } = testContext()
    const p = api.create('pods', pod('a', { labels: { v: '1' } }))
    api.update('pods', { ...p, metadata: { ...p.metadata, labels: { v: '2' } } })
    const e = err(() => api.update('pods', { ...p, metadata: { ...p.metadata, labels: { v: '3' } } }))
    expect(e.code).toBe(409)
    expect(e.kubectlMessage()).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again',
    )
  })

  it('qualifies the group in errors outside core', () => {
    const { api } = testContext()
    expect(err(() => api.get('replicasets', 'default', 'web')).message).toBe('replicasets.apps "web" not found')
  })

  it('rejects invalid names with the RFC 1123 text and field path', () => {
    const { api } = testContext()
    const e = err(() => api.create('pods', pod('Web_1')))
    expect(e.code).toBe(422)
    expect(e.kubectlMessage()).toBe(
      `The Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    )
  })

  it('joins several validation errors as a list', () => {
    const { api } = testContext()
    const e = err(() => api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], restartPolicy: 'Sometimes' } }))
    // The server's message aggregates as a list; kubectl rebuilds it as bullets.
    expect(e.message).toBe(
      'Pod "p" is invalid: [spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]',
    )
    expect(e.kubectlMessage()).toBe(
      'The Pod "p" is invalid: \n* spec.containers[0].image: Required value\n* spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    )
  })

  it('validates that a ReplicaSet selector matches its template', () => {
    const { api } = testContext()
    const e = err(() =>
      api.create('replicasets', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      }),
    )
    expect(e.message).toContain('ReplicaSet.apps "web" is invalid: spec.template.metadata.labels: Invalid value: ')
    expect(e.kubectlMessage()).toMatch(/^The ReplicaSet "web" is invalid: spec.template.metadata.labels: Invalid value: /)
    expect(e.message).toContain('`selector` does not match template `labels`')
  })

  it('bumps generation on spec changes only; status writes keep the spec', () => {
    const { api } = testContext()
    const rs = api.create('replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    })
    const labelled = api.update('replicasets', { ...rs, metadata: { ...rs.metadata, labels: { x: 'y' } } })
    expect(labelled.metadata.generation).toBe(1)
    const scaled = api.update('replicasets', { ...labelled, spec: { ...labelled.spec, replicas: 3 } })
    expect(scaled.metadata.generation).toBe(2)
    const st = api.update('replicasets', { ...scaled, spec: { ...scaled.spec, replicas: 9 }, status: { replicas: 3 } }, { subresource: 'status' })
    expect(st.spec.replicas).toBe(3)
    expect(st.status.replicas).toBe(3)
    expect(st.metadata.generation).toBe(2)
  })

  it('deletes a scheduled pod gracefully; grace 0 removes it', () => {
    const { api, clock } = testContext()
    api.create('pods', { ...pod('a'), spec: { ...pod('a').spec, nodeName: 'node-1' } })
    clock.advance(2000)
    const d = api.delete('pods', 'default', 'a')
    expect(d.metadata.deletionTimestamp).toBe('2026-01-01T00:00:32Z')
    expect(d.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(api.peek('pods', 'default', 'a')).toBeDefined()
    api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 })
    expect(api.peek('pods', 'default', 'a')).toBeUndefined()
  })

  it('deletes an unscheduled pod at once', () => {
    const { api } = testContext()
    api.create('pods', pod('a'))
    api.delete('pods', 'default', 'a')
    expect(api.peek('pods', 'default', 'a')).toBeUndefined()
  })

  it('keeps an object with finalizers until they are removed', () => {
    const { api } = testContext()
    api.create('pods', pod('a', { finalizers: ['example.com/hold'] }))
    const d = api.delete('pods', 'default', 'a')
    expect(d.metadata.deletionTimestamp).toBeDefined()
    api.update('pods', { ...d, metadata: { ...d.metadata, finalizers: [] } })
    expect(api.peek('pods', 'default', 'a')).toBeUndefined()
  })

  it('binds a pod once; a second binding conflicts', () => {
    const { api } = testContext()
    api.create('pods', pod('a'))
    expect(api.bind('default', 'a', 'node-1').spec.nodeName).toBe('node-1')
    expect(err(() => api.bind('default', 'a', 'node-2')).message).toBe(
      'Operation cannot be fulfilled on pods/binding "a": pod a is already assigned to node "node-1"',
    )
  })

  it('server-side dry run writes nothing', () => {
    const { api } = testContext()
    const rev = api.revision()
    const p = api.create('pods', pod('a'), { dryRun: true })
    expect(p.metadata.name).toBe('a')
    expect(api.revision()).toBe(rev)
    expect(api.peek('pods', 'default', 'a')).toBeUndefined()
  })

  it('records every request for the control-plane view', () => {
    const ctx = testContext()
    ctx.api.create('pods', pod('a'), { actor: 'kubectl' })
    try {
      ctx.api.get('pods', 'default', 'zzz', { actor: 'kubectl' })
    } catch {
      /* expected */
    }
    const recs = ctx.records.since(0).filter((r) => r.type === 'api' && r.actor === 'kubectl')
    expect(recs.map((r) => r.type === 'api' && [r.verb, r.name, r.code])).toEqual([
      ['create', 'a', 201],
      ['get', 'zzz', 404],
    ])
  })
})

describe('decoding', () => {
  it('a label value YAML read as a number or bool fails to decode, as encoding/json would', () => {
    const { api } = testContext()
    const e = err(() => api.create('pods', { ...pod('p'), metadata: { name: 'p', labels: { version: 1 as unknown as string } } }))
    expect(e.kubectlMessage()).toBe(
      'Error from server (BadRequest): Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    )
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'y' } }, template: { metadata: { labels: { app: true } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    }
    expect(err(() => api.create('replicasets', rs as unknown as KObject)).message).toBe(
      'ReplicaSet in version "apps/v1" cannot be handled as a ReplicaSet: json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string',
    )
  })
})

describe('pod updates', () => {
  it('a spec resubmitted with its keys in another order is not a change', () => {
    const { api } = testContext()
    const p = api.create('pods', pod('a'))
    const reordered = JSON.parse(JSON.stringify(p))
    reordered.spec = Object.fromEntries(Object.entries(reordered.spec).reverse())
    reordered.spec.containers = reordered.spec.containers.map((c: object) => Object.fromEntries(Object.entries(c).reverse()))
    reordered.metadata.labels = { touched: 'yes' }
    expect(api.update('pods', reordered).metadata.labels).toEqual({ touched: 'yes' })
  })

  it('changing anything but images and tolerations is forbidden', () => {
    const { api } = testContext()
    const p = api.create('pods', pod('a'))
    const e = err(() => api.update('pods', { ...p, spec: { ...p.spec, restartPolicy: 'Never' } }))
    expect(e.message).toMatch(/^Pod "a" is invalid: spec: Forbidden: pod updates may not change fields other than/)
  })
})
