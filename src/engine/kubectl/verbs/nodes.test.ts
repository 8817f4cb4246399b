import { beforeEach, describe, expect, it } from 'vitest'
import type { Pod } from '../../api/types'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'

let h: Harness

/** A running pod on node-1, owned by `owner` (kind/name) or by nobody. */
function pod(name: string, owner?: string, extra: Partial<Pod['spec']> = {}, ns = 'default'): void {
  const ownerReferences = owner ? [{ apiVersion: 'apps/v1', kind: owner.split('/')[0], name: owner.split('/')[1], uid: 'u-' + owner, controller: true }] : undefined
  h.ctx.api.create(
    'pods',
    { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app: name }, ownerReferences }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27' }], ...extra } },
    { actor: 'test' },
  )
  setStatus(h, name, runningStatus('10.244.1.9', '172.18.0.2', h.at(0)), ns)
}

beforeEach(() => {
  h = kubectlHarness()
  for (const [name, ip, pool] of [['node-1', '172.18.0.2', 'a'], ['node-2', '172.18.0.3', 'b']]) {
    addNode(h, name, ip, { labels: { pool } })
    // The node controller would lift the not-ready taint once Ready; no controller runs here.
    h.ctx.api.patch('nodes', undefined, name, { spec: { taints: null } }, { actor: 'test' })
  }
})

describe('kubectl cordon / uncordon', () => {
  it('patches spec.unschedulable and says what changed', () => {
    expect(h.k('cordon node-1')).toEqual({ code: 0, stdout: 'node/node-1 cordoned\n', stderr: '' })
    expect(h.ctx.api.get('nodes', undefined, 'node-1').spec.unschedulable).toBe(true)
    expect(h.k('cordon node-1').stdout).toBe('node/node-1 already cordoned\n')
    expect(h.k('get nodes node-1 --no-headers').stdout).toMatch(/^node-1 +Ready,SchedulingDisabled /)
    expect(h.k('uncordon node-1').stdout).toBe('node/node-1 uncordoned\n')
    // false is Go's zero value: the field is removed, not set to false.
    expect('unschedulable' in h.ctx.api.get('nodes', undefined, 'node-1').spec).toBe(false)
    expect(h.k('uncordon node-1').stdout).toBe('node/node-1 already uncordoned\n')
  })

  it('-l selects nodes; dry runs change nothing', () => {
    expect(h.k('cordon -l pool=b').stdout).toBe('node/node-2 cordoned\n')
    expect(h.k('cordon node-1 --dry-run=client').stdout).toBe('node/node-1 cordoned (dry run)\n')
    expect(h.k('cordon node/node-1 --dry-run=server').stdout).toBe('node/node-1 cordoned (server dry run)\n')
    expect(h.ctx.api.get('nodes', undefined, 'node-1').spec.unschedulable).toBeUndefined()
  })

  it.each<[string, string]>([
    ['cordon', "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"],
    ['uncordon', "error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n"],
    ['cordon node-1 -l pool=a', "error: cannot specify both a node name and a --selector option\nSee 'kubectl cordon -h' for help and examples\n"],
    ['cordon node-9', 'Error from server (NotFound): nodes "node-9" not found\n'],
    ['drain node-9', 'Error from server (NotFound): nodes "node-9" not found\n'],
  ])('%s', (line, stderr) => expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr }))
})

describe('kubectl drain', () => {
  it('an empty node: cordoned, drained', () => {
    expect(h.k('drain node-2')).toEqual({ code: 0, stdout: 'node/node-2 cordoned\nnode/node-2 drained\n', stderr: '' })
  })

  it('evicts managed pods, leaves other nodes alone', () => {
    pod('web-1', 'ReplicaSet/web')
    pod('web-2', 'ReplicaSet/web')
    addPod(h, 'elsewhere', { node: 'node-2' })
    expect(h.k('drain node-1')).toEqual({
      code: 0,
      stdout: 'node/node-1 cordoned\nevicting pod default/web-1\nevicting pod default/web-2\npod/web-1 evicted\npod/web-2 evicted\nnode/node-1 drained\n',
      stderr: '',
    })
    const web1 = h.ctx.api.get('pods', 'default', 'web-1')
    expect(web1.metadata.deletionTimestamp).toBeDefined()
    expect(web1.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(h.ctx.api.get('pods', 'default', 'elsewhere').metadata.deletionTimestamp).toBeUndefined()
  })

  it('refuses pods without a controller: the node stays cordoned, exit 1, kubectl\'s lines', () => {
    pod('web-1', 'ReplicaSet/web')
    pod('bare')
    pod('tmp', 'ReplicaSet/tmp', { volumes: [{ name: 'scratch', emptyDir: {} }] })
    expect(h.k('drain node-1')).toEqual({
      code: 1,
      stdout: 'node/node-1 cordoned\n',
      stderr:
        'error: unable to drain node "node-1" due to error: [cannot delete Pods that declare no controller (use --force to override): default/bare, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/tmp], continuing command...\n' +
        'There are pending nodes to be drained:\n node-1\n' +
        'cannot delete Pods that declare no controller (use --force to override): default/bare\n' +
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/tmp\n',
    })
    expect(h.ctx.api.get('pods', 'default', 'web-1').metadata.deletionTimestamp).toBeUndefined()
    expect(h.ctx.api.get('nodes', undefined, 'node-1').spec.unschedulable).toBe(true)
  })

  it('one kind of refusal: the last line is that error alone', () => {
    pod('bare')
    const r = h.k('drain node-1')
    expect(r.stderr.split('\n').slice(-2)).toEqual(['cannot delete Pods that declare no controller (use --force to override): default/bare', ''])
  })

  it('--force, --delete-emptydir-data, --grace-period: warnings, then evictions', () => {
    pod('bare')
    pod('tmp', 'ReplicaSet/tmp', { volumes: [{ name: 'scratch', emptyDir: {} }] })
    expect(h.k('drain node-1 --force --delete-emptydir-data --grace-period=5')).toEqual({
      code: 0,
      stdout: 'node/node-1 cordoned\nevicting pod default/bare\nevicting pod default/tmp\npod/bare evicted\npod/tmp evicted\nnode/node-1 drained\n',
      // The local-storage warning is dropped by the filter after it (upstream TODO).
      stderr: 'Warning: deleting Pods that declare no controller: default/bare\n',
    })
    expect(h.ctx.api.get('pods', 'default', 'bare').metadata.deletionGracePeriodSeconds).toBe(5)
  })

  it('DaemonSet pods: refused without --ignore-daemonsets (their DaemonSet is not found here), mirror pods skipped', () => {
    pod('ds-pod', 'DaemonSet/agent')
    addPod(h, 'static', { node: 'node-1', labels: { a: 'b' } })
    const st = h.ctx.api.get('pods', 'default', 'static')
    h.ctx.api.update('pods', { ...st, metadata: { ...st.metadata, annotations: { 'kubernetes.io/config.mirror': 'x' } } }, { actor: 'test' })
    expect(h.k('drain node-1').stderr).toContain('due to error: cannot delete daemonsets.apps "agent" not found: default/ds-pod, continuing command...\n')
    expect(h.k('drain node-1 --force')).toEqual({
      code: 0,
      stdout: 'node/node-1 already cordoned\nevicting pod default/ds-pod\npod/ds-pod evicted\nnode/node-1 drained\n',
      // The orphan warning is overwritten by the filters after it (only the last status counts).
      stderr: '',
    })
    expect(h.ctx.api.get('pods', 'default', 'static').metadata.deletionTimestamp).toBeUndefined()
  })

  it('--disable-eviction deletes; --dry-run=client only says what it would evict; --pod-selector', () => {
    pod('web-1', 'ReplicaSet/web')
    pod('api-1', 'ReplicaSet/api')
    expect(h.k('drain node-1 --dry-run=client').stdout).toBe('node/node-1 cordoned (dry run)\nevicting pod default/api-1 (dry run)\nevicting pod default/web-1 (dry run)\nnode/node-1 drained (dry run)\n')
    expect(h.k('drain node-1 --disable-eviction --pod-selector=app=web-1').stdout).toBe('node/node-1 cordoned\npod/web-1 deleted\nnode/node-1 drained\n')
    expect(h.ctx.api.get('pods', 'default', 'api-1').metadata.deletionTimestamp).toBeUndefined()
  })

  it('finished pods go without --force', () => {
    pod('job-done')
    setStatus(h, 'job-done', { phase: 'Succeeded' })
    expect(h.k('drain node-1').stdout).toBe('node/node-1 cordoned\nevicting pod default/job-done\npod/job-done evicted\nnode/node-1 drained\n')
  })
})

describe('kubectl taint', () => {
  it('adds, overwrites, removes by key and effect, removes by key', () => {
    expect(h.k('taint nodes node-1 dedicated=gpu:NoSchedule')).toEqual({ code: 0, stdout: 'node/node-1 tainted\n', stderr: '' })
    expect(h.k('taint node node-1 spot:PreferNoSchedule').stdout).toBe('node/node-1 tainted\n')
    expect(h.ctx.api.get('nodes', undefined, 'node-1').spec.taints).toEqual([
      { key: 'spot', effect: 'PreferNoSchedule' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ])
    expect(h.k('taint nodes node-1 dedicated=cpu:NoSchedule --overwrite').stdout).toBe('node/node-1 modified\n')
    expect(h.k('taint nodes node-1 dedicated:NoSchedule-').stdout).toBe('node/node-1 untainted\n')
    expect(h.k('taint nodes node-1 spot-').stdout).toBe('node/node-1 untainted\n')
    expect('taints' in h.ctx.api.get('nodes', undefined, 'node-1').spec).toBe(false)
    expect(h.k('describe node node-1').stdout).toContain('Taints:             <none>\n')
  })

  it('-l and --all; describe shows the taints', () => {
    expect(h.k('taint nodes -l pool=b maintenance=true:NoExecute').stdout).toBe('node/node-2 tainted\n')
    expect(h.k('taint nodes --all team=x:NoSchedule').stdout).toBe('node/node-1 tainted\nnode/node-2 tainted\n')
    expect(h.k('describe node node-2').stdout).toContain('Taints:             maintenance=true:NoExecute\n                    team=x:NoSchedule\n')
  })

  it.each<[string, string]>([
    ['taint nodes node-1 dedicated=gpu:NoSchedule dedicated=gpu:NoSchedule', "error: duplicated taints with the same key and effect: {dedicated gpu NoSchedule <nil>}\nSee 'kubectl taint -h' for help and examples\n"],
    ['taint nodes node-1 a=b:Sometimes', "error: invalid taint effect: Sometimes, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n"],
    ['taint nodes node-1 a=b', "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n"],
    ['taint nodes node-1 a=b=c:NoSchedule', "error: invalid taint spec: a=b=c:NoSchedule\nSee 'kubectl taint -h' for help and examples\n"],
    ['taint nodes node-1 gone-', 'error: taint "gone" not found\n'],
    ['taint nodes node-1 gone:NoSchedule-', 'error: taint "gone:NoSchedule" not found\n'],
    ['taint nodes node-1 a=b:NoSchedule a-', 'error: can not both modify and remove the following taint(s) in the same command: {"a":""}\n'],
    ['taint nodes node-1 a=b:NoSchedule node-2', 'error: all resources must be specified before taint changes: node-2\n'],
    ['taint pods web a=b:NoSchedule', 'error: invalid resource type pods, only node types are supported\n'],
    ['taint widgets w a=b:NoSchedule', 'error: the server doesn\'t have a resource type "widgets"\n'],
    ['taint nodes a=b:NoSchedule', "error: at least one resource name must be specified since 'all' parameter is not set\n"],
    ['taint nodes node-1', 'error: at least one taint update is required\n'],
    ['taint a=b:NoSchedule', 'error: one or more resources must be specified as <resource> <name>\n'],
    ['taint nodes --all -l pool=a a=b:NoSchedule', "error: setting 'all' parameter with a non empty selector is prohibited\n"],
    ['taint nodes node-9 a=b:NoSchedule', 'Error from server (NotFound): nodes "node-9" not found\n'],
  ])('%s', (line, stderr) => expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr }))

  it('an existing key and effect without --overwrite', () => {
    h.k('taint nodes node-1 a=b:NoSchedule')
    expect(h.k('taint nodes node-1 a=c:NoSchedule')).toEqual({ code: 1, stdout: '', stderr: 'error: node node-1 already has a taint(s) with same effect(s) and --overwrite is false\n' })
  })
})
