import { beforeEach, describe, expect, it } from 'vitest'
import type { Harness } from '../testing'
import { addOwnedReplicaSet, deploymentYaml, setDeploymentStatus, workloadsHarness } from '../testing-workloads'

let h: Harness
beforeEach(() => {
  h = workloadsHarness()
  h.k('apply -f -', deploymentYaml('web', { image: 'nginx:1.28' }))
  h.advance(1000)
  addOwnedReplicaSet(h, 'web', { hash: '7d9f', revision: 1, replicas: 0, image: 'nginx:1.27', changeCause: 'first' })
  h.advance(1000)
  addOwnedReplicaSet(h, 'web', { hash: '5c8b', revision: 2, replicas: 3 })
  setDeploymentStatus(h, 'web', { observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 })
})

describe('kubectl rollout status', () => {
  it('done: one line, exit 0', () => {
    expect(h.k('rollout status deployment/web')).toEqual({ code: 0, stdout: 'deployment "web" successfully rolled out\n', stderr: '' })
  })
  it('in progress: the current line; --watch=false exits 0, otherwise the playground says it cannot wait', () => {
    setDeploymentStatus(h, 'web', { observedGeneration: 1, replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 })
    const line = 'Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...\n'
    expect(h.k('rollout status deploy/web --watch=false')).toEqual({ code: 0, stdout: line, stderr: '' })
    const r = h.k('rollout status deploy web')
    expect(r.stdout).toBe(line)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: the playground's kubectl cannot wait for a rollout/)
  })
  it('errors', () => {
    expect(h.k('rollout status').stderr).toBe('error: required resource not specified\n')
    expect(h.k('rollout status deploy/web --revision=7').stderr).toBe('error: desired revision (7) is different from the running revision (0)\n')
    expect(h.k('rollout status rs/web-5c8b').stderr).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n')
    expect(h.k('rollout status deploy/nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
    h.k('create deployment api --image=nginx')
    expect(h.k('rollout status deployment').stderr).toBe('error: rollout status is only supported on individual resources and resource collections - 2 resources were found\n')
  })
})

describe('kubectl rollout history', () => {
  it('the table as the name printer\'s operation: trailing space, blank line after', () => {
    expect(h.k('rollout history deployment/web')).toEqual({
      code: 0,
      stderr: '',
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first\n2         <none>\n\n',
    })
  })
  it('--revision=N: the template in describe format, tabs kept, change-cause among its annotations', () => {
    expect(h.k('rollout history deployment/web --revision=1').stdout).toBe(
      'deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=7d9f\n  Annotations:\tkubernetes.io/change-cause: first\n  Containers:\n   nginx:\n    Image:\tnginx:1.27\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n',
    )
    expect(h.k('rollout history deployment/web --revision=9').stderr).toBe('error: unable to find the specified revision\n')
  })
  it('no ReplicaSets yet; other kinds', () => {
    h.k('create deployment api --image=nginx')
    expect(h.k('rollout history deploy/api').stdout).toBe('deployment.apps/api \nNo rollout history found.\n')
    expect(h.k('rollout history rs/web-5c8b').stderr).toBe('error: no history viewer has been implemented for "ReplicaSet.apps"\n')
  })
})

describe('kubectl rollout undo', () => {
  it('restores the previous revision\'s template and annotations', () => {
    expect(h.k('rollout undo deployment/web')).toEqual({ code: 0, stdout: 'deployment.apps/web rolled back\n', stderr: '' })
    const d = h.ctx.api.get('deployments', 'default', 'web')
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27')
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' })
    expect(d.metadata.annotations?.['kubernetes.io/change-cause']).toBe('first')
  })
  it('--to-revision, skipped, dry runs, errors', () => {
    expect(h.k('rollout undo deployment/web --to-revision=2').stdout).toBe('deployment.apps/web skipped rollback (current template already matches revision 2)\n')
    expect(h.k('rollout undo deployment/web --to-revision=5').stderr).toBe('error: unable to find specified revision 5 in history\n')
    expect(h.k('rollout undo deployment/web --dry-run=server').stdout).toBe('deployment.apps/web rolled back (server dry run)\n')
    expect(h.k('rollout undo deployment/web --dry-run=client').stdout).toContain('deployment.apps/web Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=7d9f\n')
    expect(h.ctx.api.get('deployments', 'default', 'web').spec.template.spec.containers[0].image).toBe('nginx:1.28')
    expect(h.k('rollout undo rc/x').stderr).toBe('Error from server (NotFound): replicationcontrollers "x" not found\n')
  })
  it('a paused Deployment is refused with kubectl\'s text', () => {
    h.k('rollout pause deploy/web')
    expect(h.k('rollout undo deploy/web')).toEqual({
      code: 1,
      stdout: '',
      stderr: "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    })
  })
})

describe('kubectl rollout pause / resume / restart', () => {
  it('pause and resume toggle spec.paused; repeating is an error', () => {
    expect(h.k('rollout pause deployment/web').stdout).toBe('deployment.apps/web paused\n')
    expect(h.ctx.api.get('deployments', 'default', 'web').spec.paused).toBe(true)
    expect(h.k('rollout pause deployment/web')).toEqual({ code: 1, stdout: '', stderr: 'error: deployments.apps "web" is already paused\n' })
    expect(h.k('rollout restart deployment/web').stderr).toBe('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n')
    expect(h.k('rollout resume deployment/web').stdout).toBe('deployment.apps/web resumed\n')
    expect(h.ctx.api.get('deployments', 'default', 'web').spec.paused).toBeUndefined()
    expect(h.k('rollout resume deployment/web').stderr).toBe('error: deployments.apps "web" is not paused\n')
  })
  it('restart stamps the pod template; twice in the same second changes nothing', () => {
    h.advance(2000)
    expect(h.k('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n')
    expect(h.ctx.api.get('deployments', 'default', 'web').spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:04Z' })
    expect(h.k('rollout restart deployment/web').stderr).toBe(
      'error: failed to create patch for web: if restart has already been triggered within the past second, please wait before attempting to trigger another\n',
    )
  })
  it('other kinds', () => {
    expect(h.k('rollout pause rs/web-5c8b').stderr).toBe('error: replicasets.apps "web-5c8b" pausing is not supported\n')
    expect(h.k('rollout').code).toBe(1)
    expect(h.k('rollout').stderr).toContain('Available Commands:\n  history')
    expect(h.k('rollout foo deploy/web').stderr).toBe('error: unknown command "foo deploy/web"\nSee \'kubectl rollout -h\' for help and examples\n')
  })
})
