import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster'

describe('kubectl against a whole cluster: a Deployment\'s life', () => {
  it('create deployment → rollout status → set image → history → undo', () => {
    const c = createCluster({ seed: 3 })
    expect(c.kubectl('create deployment web --image=nginx:1.27 --replicas=3')).toEqual({ code: 0, stdout: 'deployment.apps/web created\n', stderr: '' })
    // Nothing has run yet: kubectl would wait; the playground says so and exits 1.
    const early = c.kubectl('rollout status deployment/web')
    expect(early.stdout).toBe('Waiting for deployment spec update to be observed...\n')
    expect(early.code).toBe(1)
    c.settle(120_000)
    expect(c.kubectl('rollout status deployment/web')).toEqual({ code: 0, stdout: 'deployment "web" successfully rolled out\n', stderr: '' })
    expect(c.kubectl('get deploy web').stdout).toMatch(/^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb {4}3\/3 {5}3 {12}3 {11}\S+\n$/)

    expect(c.kubectl('set image deployment/web nginx=nginx:1.28').stdout).toBe('deployment.apps/web image updated\n')
    c.advance(1000)
    expect(c.kubectl('rollout status deployment/web --watch=false').stdout).toMatch(/^Waiting for deployment "web" rollout to finish: /)
    c.settle(120_000)
    expect(c.kubectl('rollout status deployment/web').stdout).toBe('deployment "web" successfully rolled out\n')
    expect(c.kubectl('get pods -o jsonpath={.items[*].spec.containers[0].image}').stdout).toBe('nginx:1.28 nginx:1.28 nginx:1.28')
    expect(c.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')

    const described = c.kubectl('describe deployment web').stdout
    expect(described).toMatch(/\nOldReplicaSets: {2}web-[4-9bcdf]+ \(0\/0 replicas created\)\nNewReplicaSet: {3}web-[4-9bcdf]+ \(3\/3 replicas created\)\n/)
    expect(described).toContain('Scaled down replica set')

    expect(c.kubectl('rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back\n')
    c.settle(120_000)
    expect(c.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n')
    expect(c.kubectl('get deploy web -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe('nginx:1.27')

    // get all: pods, then services, deployments, replica sets, each with its kind/ prefix.
    const all = c.kubectl('get all').stdout
    const heads = all.split('\n\n').map((t) => t.split('\n')[1].split('/')[0])
    expect(heads).toEqual(['pod', 'service', 'deployment.apps', 'replicaset.apps'])
    expect(c.kubectl('get pods --field-selector=status.phase=Running -o name').stdout.trim().split('\n')).toHaveLength(3)
  })

  it('scale, pause/resume, label and annotate a change-cause', () => {
    const c = createCluster({ seed: 4 })
    c.kubectl('create deployment api --image=nginx:1.27')
    c.settle(60_000)
    expect(c.kubectl('scale deployment api --replicas=4').stdout).toBe('deployment.apps/api scaled\n')
    c.settle(60_000)
    expect(c.kubectl('get deploy api -o jsonpath={.status.readyReplicas}').stdout).toBe('4')
    expect(c.kubectl('rollout pause deployment/api').stdout).toBe('deployment.apps/api paused\n')
    c.kubectl('set image deployment/api nginx=nginx:1.28')
    c.settle(60_000)
    // Paused: the template changed but no new ReplicaSet rolls out.
    expect(c.kubectl('get rs -o name').stdout.trim().split('\n')).toHaveLength(1)
    c.kubectl('annotate deployment/api kubernetes.io/change-cause="nginx 1.28"')
    expect(c.kubectl('rollout resume deployment/api').stdout).toBe('deployment.apps/api resumed\n')
    c.settle(60_000)
    expect(c.kubectl('rollout history deploy/api').stdout).toBe('deployment.apps/api \nREVISION  CHANGE-CAUSE\n1         <none>\n2         nginx 1.28\n\n')
    expect(c.kubectl('label deployment api tier=backend').stdout).toBe('deployment.apps/api labeled\n')
    expect(c.kubectl('get deploy -l tier=backend -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas').stdout).toBe('NAME   REPLICAS\napi    4\n')
  })
})
