import { beforeEach, describe, expect, it } from 'vitest'
import { addNode, addPod, kubectlHarness, type Harness } from '../testing'

const RS = 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2')
  addPod(h, 'a', { labels: { app: 'web' }, node: 'node-1' })
  addPod(h, 'b', { labels: { app: 'web' } })
  addPod(h, 'c', { labels: { app: 'db' } })
  h.k('apply -f -', RS)
})

describe('kubectl delete', () => {
  it('TYPE NAME…, TYPE/NAME, with kubectl v1.31–v1.33 output', () => {
    expect(h.k('delete pod b c')).toEqual({ code: 0, stdout: 'pod "b" deleted\npod "c" deleted\n', stderr: '' })
    expect(h.k('delete rs/web').stdout).toBe('replicaset.apps "web" deleted\n')
  })

  it('graceful pods stay Terminating; --force --grace-period=0 removes at once with a warning', () => {
    h.k('delete pod a')
    expect(h.ctx.api.peek('pods', 'default', 'a')?.metadata.deletionTimestamp).toBeDefined()
    expect(h.k('get pods a').stdout).toContain('Terminating')
    expect(h.k('delete pod a --force --grace-period=0')).toEqual({
      code: 0,
      stdout: 'pod "a" force deleted\n',
      stderr: 'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    })
    expect(h.ctx.api.peek('pods', 'default', 'a')).toBeUndefined()
  })

  it('--now means a 1s grace period; --grace-period=0 without --force also becomes 1', () => {
    h.k('delete pod a --now')
    expect(h.ctx.api.peek('pods', 'default', 'a')?.metadata.deletionGracePeriodSeconds).toBe(1)
  })

  it('-l and --all select; nothing selected prints "No resources found" on stdout', () => {
    expect(h.k('delete pods -l app=web').stdout).toBe('pod "a" deleted\npod "b" deleted\n')
    expect(h.k('delete pods -l app=none')).toEqual({ code: 0, stdout: 'No resources found\n', stderr: '' })
    expect(h.k('delete pods --all').stdout).toContain('pod "c" deleted\n')
  })

  it('--cascade maps to the propagation policy', () => {
    h.k('delete rs web --cascade=orphan')
    expect(h.ctx.api.peek('replicasets', 'default', 'web')?.metadata.finalizers).toEqual(['orphan'])
    const r = h.k('delete rs web --cascade=sideways')
    expect(r.stderr).toBe('error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n')
  })

  it('-o name and --dry-run', () => {
    expect(h.k('delete pod c -o name').stdout).toBe('pod/c\n')
    expect(h.k('delete pod b --dry-run=client').stdout).toBe('pod "b" deleted (dry run)\n')
    expect(h.ctx.api.peek('pods', 'default', 'b')).toBeDefined()
  })

  it.each([
    ['delete pod nope', 'Error from server (NotFound): pods "nope" not found\n'],
    ['delete ns kube-system', 'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n'],
    ['delete pods', 'error: resource(s) were provided, but no name was specified\n'],
    ['delete', "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
    ['delete pods --all -l app=web', 'error: cannot set --all and --selector at the same time\n'],
    ['delete pod a --now --grace-period=5', 'error: --now and --grace-period cannot be specified together\n'],
    ['delete pod a --force --grace-period=5', 'error: --force and --grace-period greater than 0 cannot be specified together\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toMatchObject({ code: 1, stderr })
  })

  it('deleting a namespace marks it Terminating', () => {
    h.k('create ns team-a')
    expect(h.k('delete namespace team-a').stdout).toBe('namespace "team-a" deleted\n')
    expect(h.k('get ns team-a').stdout).toContain('Terminating')
  })
})

describe('kubectl scale', () => {
  it('sets spec.replicas through the API server', () => {
    expect(h.k('scale rs web --replicas=5')).toEqual({ code: 0, stdout: 'replicaset.apps/web scaled\n', stderr: '' })
    expect(h.ctx.api.get('replicasets', 'default', 'web').spec.replicas).toBe(5)
    expect(h.k('scale --replicas 0 replicaset/web').stdout).toBe('replicaset.apps/web scaled\n')
    expect(h.ctx.api.get('replicasets', 'default', 'web').spec.replicas).toBe(0)
  })

  it('--current-replicas is a precondition', () => {
    expect(h.k('scale rs web --replicas=4 --current-replicas=3')).toEqual({ code: 1, stdout: '', stderr: 'error: Expected replicas to be 3, was 2\n' })
    expect(h.k('scale rs web --replicas=4 --current-replicas=2').code).toBe(0)
  })

  it.each([
    ['scale rs web', 'error: required flag(s) "replicas" not set\n'],
    ['scale rs web --replicas=-1', 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'],
    ['scale rs nope --replicas=1', 'Error from server (NotFound): replicasets.apps "nope" not found\n'],
    ['scale pod b --replicas=2', 'Error from server (NotFound): the server could not find the requested resource\n'],
    ['scale rs web --replicas=x', 'error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n'],
  ])('%s', (line, stderr) => {
    expect(h.k(line)).toMatchObject({ code: 1, stderr })
  })
})

describe('kubectl create', () => {
  it('namespace NAME and -f -', () => {
    expect(h.k('create namespace team-b')).toEqual({ code: 0, stdout: 'namespace/team-b created\n', stderr: '' })
    expect(h.k('create ns team-c -o name').stdout).toBe('namespace/team-c\n')
    expect(h.k('create -f -', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-d\n').stdout).toBe('namespace/team-d created\n')
  })

  it.each([
    ['create namespace default', '', 'Error from server (AlreadyExists): namespaces "default" already exists\n'],
    ['create -f -', RS, 'Error from server (AlreadyExists): error when creating "STDIN": replicasets.apps "web" already exists\n'],
    ['create namespace', '', "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n"],
    ['create namespace Bad_Name', '', 'The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n'],
    ['create -n missing -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n', 'Error from server (NotFound): error when creating "STDIN": namespaces "missing" not found\n'],
  ])('%s', (line, stdin, stderr) => {
    expect(h.k(line, stdin)).toMatchObject({ code: 1, stderr })
  })
})
