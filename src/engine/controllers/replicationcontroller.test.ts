import { describe, expect, it } from 'vitest'
import { createCluster } from '../index'
import { ApiError } from '../apiserver/errors'
import { parse } from 'yaml'

const RC = `apiVersion: v1
kind: ReplicationController
metadata: { name: nginx }
spec:
  replicas: 3
  template:
    metadata: { labels: { app: nginx } }
    spec: { containers: [{ name: nginx, image: nginx:1.27, ports: [{ containerPort: 80 }] }] }
`

describe('ReplicationController', () => {
  it('defaults selector and labels from the template and keeps 3 pods running', () => {
    const c = createCluster({ seed: 2 })
    expect(c.kubectl('apply -f -', RC).stdout).toBe('replicationcontroller/nginx created\n')
    c.settle()
    const rc = c.api.get('replicationcontrollers', 'default', 'nginx')
    expect(rc.spec.selector).toEqual({ app: 'nginx' })
    expect(rc.metadata.labels).toEqual({ app: 'nginx' })
    expect(rc.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
    const pods = c.api.list('pods', 'default').items
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^nginx-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true },
      ])
    }
    const events = c.api.list('events', 'default').items.filter((e) => e.involvedObject.kind === 'ReplicationController')
    expect(events.map((e) => [e.reason, e.source.component])).toContainEqual(['SuccessfulCreate', 'replication-controller'])
  })

  it('replaces a deleted pod and scales down; deleting the RC deletes its pods', () => {
    const c = createCluster({ seed: 2 })
    c.kubectl('apply -f -', RC)
    c.settle()
    const victim = c.api.list('pods', 'default').items[0].metadata.name!
    c.api.delete('pods', 'default', victim)
    c.settle()
    expect(c.api.list('pods', 'default').items.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(3)
    c.api.patch('replicationcontrollers', 'default', 'nginx', { spec: { replicas: 1 } })
    c.settle()
    expect(c.api.list('pods', 'default').items).toHaveLength(1)
    c.api.delete('replicationcontrollers', 'default', 'nginx', { propagationPolicy: 'Background' })
    c.settle()
    expect(c.api.list('pods', 'default').items).toHaveLength(0)
  })

  it('has only an equality selector: it must match the template labels', () => {
    const c = createCluster({ seed: 2 })
    const bad = RC.replace('metadata: { name: nginx }\nspec:\n', 'metadata: { name: nginx }\nspec:\n  selector: { app: web }\n')
    try {
      c.api.create('replicationcontrollers', parse(bad))
      throw new Error('expected Invalid')
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).kubectlMessage()).toBe(
        'The ReplicationController "nginx" is invalid: spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`',
      )
    }
  })
})
