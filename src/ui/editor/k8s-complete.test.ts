import { describe, expect, it } from 'vitest'
import { completeYaml } from './k8s-complete'

const at = (withCursor: string, served = [] as { kind: string; apiVersion: string }[]) => completeYaml(withCursor.replace('|', ''), withCursor.indexOf('|'), served)
const labels = (withCursor: string) => at(withCursor).options.map((o) => o.label)

describe('completeYaml', () => {
  it('an empty document offers apiVersion/kind pairs that insert both lines', () => {
    const r = at('Dep|')
    expect(r.options[0]).toEqual({ label: 'Deployment', apply: 'apiVersion: apps/v1\nkind: Deployment\n', detail: 'apiVersion: apps/v1', type: 'class' })
    expect(r.from).toBe(0)
    expect(labels('|')).toEqual(expect.arrayContaining(['Deployment', 'Pod', 'ReplicaSet', 'ReplicationController', 'Service', 'Namespace', 'apiVersion', 'kind', 'metadata']))
  })

  it('kind values, and the apiVersion that goes with the kind first', () => {
    expect(labels('apiVersion: v1\nkind: Rep|')).toEqual(['ReplicaSet', 'ReplicationController'])
    expect(labels('kind: Deployment\napiVersion: |')[0]).toBe('apps/v1')
    expect(labels('kind: |', ).length).toBeGreaterThan(5)
    expect(at('kind: End|', [{ kind: 'Endpoints', apiVersion: 'v1' }]).options.map((o) => o.label)).toEqual(['Endpoints'])
  })

  it('fields of the kind at the cursor, minus those already set', () => {
    expect(labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n  |')).toEqual(['selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused'])
    expect(labels('kind: ReplicationController\nspec:\n  sel|')).toEqual(['selector'])
    expect(labels('kind: Service\nspec:\n  ports:\n  - port: 80\n    |')).toEqual(['name', 'protocol', 'targetPort', 'nodePort', 'appProtocol'])
    expect(labels('kind: Pod\nspec:\n  containers:\n  - name: c\n    readinessProbe:\n      |')).toContain('httpGet')
    expect(labels('kind: Pod\nmetadata:\n  |')).toEqual(['name', 'namespace', 'labels', 'annotations', 'generateName'])
  })

  it('inserts keys with the right shape and indentation', () => {
    const o = (s: string, label: string) => at(s).options.find((x) => x.label === label)!.apply
    expect(o('kind: Deployment\nspec:\n  |', 'replicas')).toBe('replicas: ')
    expect(o('kind: Deployment\nspec:\n  |', 'selector')).toBe('selector:\n    ')
    expect(o('kind: Pod\nspec:\n  |', 'containers')).toBe('containers:\n  - ')
  })

  it('enumerated values', () => {
    expect(labels('kind: Service\nspec:\n  type: |')).toEqual(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'])
    expect(labels('kind: Pod\nspec:\n  containers:\n  - name: c\n    imagePullPolicy: I|')).toEqual(['IfNotPresent'])
    expect(labels('kind: Deployment\nspec:\n  strategy:\n    type: R|')).toEqual(['RollingUpdate', 'Recreate'])
    expect(labels('kind: Pod\nspec:\n  containers:\n  - image: ng|')).toEqual(['nginx:1.27', 'nginx:1.16.1'])
  })

  it('free-form maps (labels) offer nothing', () => {
    expect(labels('kind: Pod\nmetadata:\n  labels:\n    |')).toEqual([])
  })
})
