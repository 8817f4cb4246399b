import { beforeEach, describe, expect, it } from 'vitest'
import { addOwnedReplicaSet, deploymentYaml, setDeploymentStatus, workloadsHarness } from '../testing-workloads'
import type { Harness } from '../testing'

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: legacy
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: legacy
        tier: fe
    spec:
      containers:
      - name: web
        image: nginx:1.27
      - name: sidecar
        image: busybox:1.36
`

let h: Harness
beforeEach(() => {
  h = workloadsHarness()
  expect(h.k('apply -f -', deploymentYaml('web')).code).toBe(0)
  h.advance(5000)
  addOwnedReplicaSet(h, 'web', { hash: '6b8c', revision: 1, replicas: 3, ready: 2 })
  setDeploymentStatus(h, 'web', { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1 })
  expect(h.k('apply -f -', RC).code).toBe(0)
  const rc = h.ctx.api.get('replicationcontrollers', 'default', 'legacy')
  h.ctx.api.update('replicationcontrollers', { ...rc, status: { replicas: 2, readyReplicas: 1 } }, { actor: 'test', subresource: 'status' })
  h.advance(90_000)
})

describe('kubectl get deployments / replicationcontrollers', () => {
  it('deployments: READY is ready/desired, then UP-TO-DATE and AVAILABLE', () => {
    expect(h.k('get deploy')).toEqual({
      code: 0,
      stderr: '',
      stdout: 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     3            2           95s\n',
    })
    expect(h.k('get deployments.apps -o wide').stdout).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR\nweb    2/3     3            2           95s   nginx        nginx:1.27   app=web\n',
    )
  })
  it('replication controllers: DESIRED CURRENT READY; the wide selector is the defaulted equality map', () => {
    expect(h.k('get rc').stdout).toBe('NAME     DESIRED   CURRENT   READY   AGE\nlegacy   2         2         1       90s\n')
    expect(h.k('get rc -o wide').stdout).toBe(
      'NAME     DESIRED   CURRENT   READY   AGE   CONTAINERS    IMAGES                    SELECTOR\nlegacy   2         2         1       90s   web,sidecar   nginx:1.27,busybox:1.36   app=legacy,tier=fe\n',
    )
  })
  it('several kinds together get kind/ prefixes, one table each', () => {
    expect(h.k('get deploy,rc,rs').stdout).toBe(
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment.apps/web   2/3     3            2           95s\n\n' +
        'NAME                           DESIRED   CURRENT   READY   AGE\nreplicationcontroller/legacy   2         2         1       90s\n\n' +
        'NAME                       DESIRED   CURRENT   READY   AGE\nreplicaset.apps/web-6b8c   3         3         2       90s\n',
    )
  })
  it('scale works on deployments and replication controllers through spec.replicas', () => {
    expect(h.k('scale deploy web --replicas=5').stdout).toBe('deployment.apps/web scaled\n')
    expect(h.k('scale rc legacy --replicas=4 --current-replicas=2').stdout).toBe('replicationcontroller/legacy scaled\n')
    expect(h.k('get rc legacy -o jsonpath={.spec.replicas}').stdout).toBe('4')
    expect(h.k('get deploy web -o jsonpath={.spec.replicas}').stdout).toBe('5')
  })
})
