import { beforeEach, describe, expect, it } from 'vitest'
import { addOwnedReplicaSet, deploymentYaml, setDeploymentStatus, workloadsHarness } from '../testing-workloads'
import type { Harness } from '../testing'

let h: Harness
beforeEach(() => {
  h = workloadsHarness()
})

describe('kubectl describe deployment', () => {
  it('header, strategy, pod template, conditions, old/new ReplicaSets, events', () => {
    h.k('apply -f -', deploymentYaml('web', { image: 'nginx:1.28' }))
    h.advance(2000)
    addOwnedReplicaSet(h, 'web', { hash: '7d9f', revision: 1, replicas: 0, image: 'nginx:1.27' })
    h.advance(3000)
    addOwnedReplicaSet(h, 'web', { hash: '5c8b', revision: 2, replicas: 3 })
    const d = h.ctx.api.get('deployments', 'default', 'web')
    setDeploymentStatus(h, 'web', {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-5c8b" has successfully progressed.' },
      ],
    })
    h.ctx.events.record({ component: 'deployment-controller' }, d, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-5c8b from 0 to 3')
    h.advance(30_000)
    expect(h.k('describe deploy web')).toEqual({
      code: 0,
      stderr: '',
      stdout: `Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
Labels:                 app=web
Annotations:            <none>
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.28
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  web-7d9f (0/0 replicas created)
NewReplicaSet:   web-5c8b (3/3 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  30s   deployment-controller  Scaled up replica set web-5c8b from 0 to 3
`,
    })
  })

  it('Recreate: no RollingUpdateStrategy line; before any ReplicaSet: no Old/New lines', () => {
    const yaml = deploymentYaml('db').replace('spec:\n  replicas: 3\n', 'spec:\n  replicas: 3\n  minReadySeconds: 5\n  strategy:\n    type: Recreate\n')
    expect(h.k('apply -f -', yaml).code).toBe(0)
    const out = h.k('describe deployment db --show-events=false').stdout
    expect(out).toContain('StrategyType:       Recreate\nMinReadySeconds:    5\nPod Template:\n')
    expect(out).not.toContain('RollingUpdateStrategy')
    expect(out).not.toContain('ReplicaSet:')
    expect(out).not.toContain('Events:')
  })
})

describe('kubectl describe rc', () => {
  it('selector map, replicas, pod counts of the pods it controls, template, events', () => {
    h.k(
      'apply -f -',
      `apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: legacy
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
    )
    const rc = h.ctx.api.get('replicationcontrollers', 'default', 'legacy')
    const ref = [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: rc.metadata.uid!, controller: true }]
    for (const [name, phase] of [['legacy-a', 'Running'], ['legacy-b', 'Pending'], ['stray', 'Running']] as const) {
      const p = h.ctx.api.create(
        'pods',
        { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'legacy' }, ownerReferences: name === 'stray' ? undefined : ref }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
        { actor: 'test' },
      )
      h.ctx.api.update('pods', { ...p, status: { phase } }, { actor: 'test', subresource: 'status' })
    }
    h.ctx.api.update('replicationcontrollers', { ...h.ctx.api.get('replicationcontrollers', 'default', 'legacy'), status: { replicas: 2 } }, { actor: 'test', subresource: 'status' })
    h.ctx.events.record({ component: 'replication-controller' }, rc, 'Normal', 'SuccessfulCreate', 'Created pod: legacy-a')
    h.advance(4000)
    expect(h.k('describe rc legacy').stdout).toBe(`Name:         legacy
Namespace:    default
Selector:     app=legacy
Labels:       app=legacy
Annotations:  <none>
Replicas:     2 current / 2 desired
Pods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=legacy
  Containers:
   web:
    Image:         nginx:1.27
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From                    Message
  ----    ------            ----  ----                    -------
  Normal  SuccessfulCreate  4s    replication-controller  Created pod: legacy-a
`)
  })
})
