import { beforeEach, describe, expect, it } from 'vitest'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'

let h: Harness

beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2', { labels: { 'node-role.kubernetes.io/control-plane': '' } })
  addNode(h, 'node-2', '172.18.0.3', { ready: 'Unknown', unschedulable: true })
  h.advance(65_000)
  addPod(h, 'web-abcde', { labels: { app: 'web', tier: 'fe' }, node: 'node-1' })
  addPod(h, 'pending', {})
  addPod(h, 'coredns-1', { ns: 'kube-system', labels: { k8s: 'dns' } })
  h.advance(3_000)
  setStatus(h, 'web-abcde', runningStatus('10.244.1.5', '172.18.0.2', h.at(h.ctx.clock.now()), 2))
  h.advance(192_000)
})

describe('kubectl get (tables)', () => {
  it('pods: columns, padding 3, minwidth 6', () => {
    expect(h.k('get pods')).toEqual({
      code: 0,
      stdout: 'NAME        READY   STATUS    RESTARTS        AGE\npending     0/1     Pending   0               3m15s\nweb-abcde   1/1     Running   2 (3m12s ago)   3m15s\n',
      stderr: '',
    })
  })

  it('pods -o wide adds IP, NODE, NOMINATED NODE, READINESS GATES', () => {
    expect(h.k('get po -o wide').stdout).toBe(
      [
        'NAME        READY   STATUS    RESTARTS        AGE     IP           NODE     NOMINATED NODE   READINESS GATES',
        'pending     0/1     Pending   0               3m15s   <none>       <none>   <none>           <none>',
        'web-abcde   1/1     Running   2 (3m12s ago)   3m15s   10.244.1.5   node-1   <none>           <none>',
        '',
      ].join('\n'),
    )
  })

  it('nodes: STATUS, ROLES, VERSION; wide adds addresses and system info', () => {
    expect(h.k('get nodes').stdout).toBe(
      'NAME     STATUS                        ROLES           AGE     VERSION\nnode-1   Ready                         control-plane   4m20s   v1.33.1\nnode-2   NotReady,SchedulingDisabled   <none>          4m20s   v1.33.1\n',
    )
    expect(h.k('get no node-1 -o wide').stdout).toBe(
      'NAME     STATUS   ROLES           AGE     VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME\nnode-1   Ready    control-plane   4m20s   v1.33.1   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-60-generic   containerd://2.1.1\n',
    )
  })

  it('namespaces', () => {
    expect(h.k('get namespaces').stdout).toBe('NAME          STATUS   AGE\ndefault       Active   4m20s\nkube-system   Active   4m20s\n')
  })

  it('-A adds NAMESPACE; --show-labels adds LABELS last; -L adds a label column', () => {
    expect(h.k('get pods -A --show-labels').stdout).toBe(
      [
        'NAMESPACE     NAME        READY   STATUS    RESTARTS        AGE     LABELS',
        'default       pending     0/1     Pending   0               3m15s   <none>',
        'default       web-abcde   1/1     Running   2 (3m12s ago)   3m15s   app=web,tier=fe',
        'kube-system   coredns-1   0/1     Pending   0               3m15s   k8s=dns',
        '',
      ].join('\n'),
    )
    expect(h.k('get pods -L app').stdout.split('\n')[0]).toBe('NAME        READY   STATUS    RESTARTS        AGE     APP')
  })

  it('several kinds: one table each, kind/ prefixes, a blank line between', () => {
    expect(h.k('get po,ns').stdout).toBe(
      [
        'NAME            READY   STATUS    RESTARTS        AGE',
        'pod/pending     0/1     Pending   0               3m15s',
        'pod/web-abcde   1/1     Running   2 (3m12s ago)   3m15s',
        '',
        'NAME                    STATUS   AGE',
        'namespace/default       Active   4m20s',
        'namespace/kube-system   Active   4m20s',
        '',
      ].join('\n'),
    )
  })

  it('-l filters with the full selector grammar', () => {
    expect(h.k('get pods -l app=web -o name').stdout).toBe('pod/web-abcde\n')
    expect(h.k("get pods -l 'app notin (web)' -o name").stdout).toBe('pod/pending\n')
    expect(h.k('get pods -l !app -o name').stdout).toBe('pod/pending\n')
  })

  it('--no-headers and --sort-by', () => {
    expect(h.k('get ns --no-headers --sort-by=.metadata.name').stdout).toBe('default       Active   4m20s\nkube-system   Active   4m20s\n')
  })

  it('No resources found goes to stderr, with the namespace', () => {
    expect(h.k('get pods -l app=none')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' })
    expect(h.k('get pods -n missing')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in missing namespace.\n' })
    expect(h.k('get pods -A -l app=none').stderr).toBe('No resources found\n')
  })
})

describe('kubectl get -o yaml|json|name', () => {
  it('a named object prints the object; a listing prints a List', () => {
    const one = h.k('get ns default -o yaml').stdout
    expect(one.startsWith('apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: "2026-01-01T00:00:00Z"\n')).toBe(true)
    const list = h.k('get ns -o yaml').stdout
    expect(list.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n')).toBe(true)
    expect(list.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true)
  })

  it('an empty listing is an empty List, not "No resources found"', () => {
    expect(h.k('get pods -l app=none -o yaml')).toEqual({ code: 0, stdout: 'apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n', stderr: '' })
    expect(h.k('get pods -l app=none -o json').stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
  })

  it('json of one object, keys sorted, 4-space indent', () => {
    const out = h.k('get namespace kube-system -o json').stdout
    expect(out).toContain('{\n    "apiVersion": "v1",\n    "kind": "Namespace",\n    "metadata": {\n        "creationTimestamp": "2026-01-01T00:00:00Z",\n')
    expect(JSON.parse(out).metadata.name).toBe('kube-system')
  })

  it('-o name uses kind.group/name', () => {
    expect(h.k('get pods,nodes -o name').stdout).toBe('pod/pending\npod/web-abcde\nnode/node-1\nnode/node-2\n')
  })
})

describe('kubectl get errors', () => {
  it.each([
    ['get foo', 'error: the server doesn\'t have a resource type "foo"\n'],
    ['get pods nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['get rs web', 'Error from server (NotFound): replicasets.apps "web" not found\n'],
    ['get pod/a pods', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"],
    ['get pod/', 'error: arguments in resource/name form must have a single resource and name\n'],
    ['get pods web-abcde -l app=web', 'error: name cannot be provided when a selector is specified\n'],
    ['get pods web-abcde -A', 'error: a resource cannot be retrieved by name across all namespaces\n'],
    ['get pods -o foo', 'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['get pods --show-labels -o yaml', 'error: --show-labels option cannot be used with yaml printer\n'],
    ['get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
    [
      "get pods -l 'a b'",
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": unable to parse requirement: found \'b\', expected: in, notin, =, ==, !=, gt, lt\n',
    ],
    [
      'get',
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    ],
  ])('%s', (line, stderr) => {
    const r = h.k(line)
    expect(r.stderr).toBe(stderr)
    expect(r.code).toBe(1)
  })

  it('prints what it found and reports the rest (exit 1)', () => {
    const r = h.k('get pods pending nope gone')
    expect(r.stdout).toBe('NAME      READY   STATUS    RESTARTS   AGE\npending   0/1     Pending   0          3m15s\n')
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\nError from server (NotFound): pods "gone" not found\n')
    expect(r.code).toBe(1)
  })

  it('--ignore-not-found', () => {
    expect(h.k('get pods nope --ignore-not-found')).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})

describe('kubectl get with several types (MultipleTypesRequested)', () => {
  it('prints kind/ prefixes even when only one of the types has objects', () => {
    const r = h.k('get deploy,rs,po')
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'NAME            READY   STATUS    RESTARTS        AGE',
      'pod/pending     0/1     Pending   0               3m15s',
      'pod/web-abcde   1/1     Running   2 (3m12s ago)   3m15s',
    ])
    expect(h.k('get pod/pending rs/none').stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/pending /)
  })

  it('one type, even twice over, keeps bare names', () => {
    expect(h.k('get pods,pods').stdout).toMatch(/\npending /)
    expect(h.k('get pod/pending pod/web-abcde').stdout).toMatch(/\npending /)
  })
})

describe('resource.version.group (schema.ParseResourceArg)', () => {
  it.each(['pods.v1.', 'pod.v1.', 'Pod.v1.', 'po.v1.'])('%s names core/v1 pods', (typed) => {
    expect(h.k(`get ${typed} pending -o name`)).toEqual({ code: 0, stdout: 'pod/pending\n', stderr: '' })
  })
  it.each(['replicasets.v1.apps', 'replicaset.v1.apps', 'rs.v1.apps', 'deployments.v1.apps', 'deployment.v1.apps'])('%s resolves', (typed) => {
    expect(h.k(`get ${typed}`)).toMatchObject({ code: 0, stderr: 'No resources found in default namespace.\n' })
  })
  it.each(['deployments.v1beta1.apps', 'pods.v2.', 'pods.v1.apps'])('%s: a version or group the server does not serve', (typed) => {
    expect(h.k(`get ${typed}`)).toEqual({ code: 1, stdout: '', stderr: `error: the server doesn't have a resource type "${typed}"\n` })
  })
})
