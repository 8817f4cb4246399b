import { beforeEach, describe, expect, it } from 'vitest'
import { LAST_APPLIED } from '../apply/merge'
import { kubectlHarness, type Harness } from '../testing'

const RS = (replicas = 3, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
`
const NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
})

describe('kubectl apply -f -', () => {
  it('creates, then unchanged, then configured', () => {
    expect(h.k('apply -f -', `${RS()}---\n${NS}`)).toEqual({ code: 0, stdout: 'replicaset.apps/web created\nnamespace/team-a created\n', stderr: '' })
    expect(h.k('kubectl apply -f -', `${RS()}---\n${NS}`).stdout).toBe('replicaset.apps/web unchanged\nnamespace/team-a unchanged\n')
    expect(h.k('apply -f -', RS(5)).stdout).toBe('replicaset.apps/web configured\n')
    const rs = h.ctx.api.get('replicasets', 'default', 'web')
    expect(rs.spec.replicas).toBe(5)
    expect(rs.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":5,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n',
    )
  })

  it('goes through the API server as kubectl: GET 404 then POST', () => {
    h.k('apply -f -', NS)
    const calls = h.ctx.records
      .since(0)
      .filter((r) => r.type === 'api' && r.actor === 'kubectl')
      .map((r) => (r.type === 'api' ? `${r.verb} ${r.resource} ${r.code}` : ''))
    expect(calls).toEqual(['get namespaces 404', 'create namespaces 201'])
  })

  it('keeps fields the server or controllers own (status, defaults) and removes fields dropped from the config', () => {
    h.k('apply -f -', RS().replace('  labels:\n    app: web\nspec', '  labels:\n    app: web\n    tier: fe\nspec'))
    expect(h.k('apply -f -', RS()).stdout).toBe('replicaset.apps/web configured\n')
    const rs = h.ctx.api.get('replicasets', 'default', 'web')
    expect(rs.metadata.labels).toEqual({ app: 'web' })
    expect(rs.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent')
  })

  it('warns when the live object has no last-applied annotation', () => {
    h.k('create -f -', NS)
    expect(h.k('apply -f -', NS)).toEqual({
      code: 0,
      stdout: 'namespace/team-a configured\n',
      stderr:
        'Warning: resource namespaces/team-a is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    })
  })

  it('--dry-run=client and server write nothing', () => {
    expect(h.k('apply -f - --dry-run=client', NS).stdout).toBe('namespace/team-a created (dry run)\n')
    expect(h.k('apply -f - --dry-run=server', NS).stdout).toBe('namespace/team-a created (server dry run)\n')
    expect(h.ctx.api.peek('namespaces', undefined, 'team-a')).toBeUndefined()
  })

  it('-o name and -o yaml', () => {
    expect(h.k('apply -f - -o name', NS).stdout).toBe('namespace/team-a\n')
    expect(h.k('apply -f - -o yaml', NS).stdout).toContain('kind: Namespace\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"v1"')
  })
})

describe('kubectl apply errors', () => {
  it.each([
    ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: web: x\n', 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: mapping values are not allowed in this context\n'],
    ['apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n'],
    [
      'metadata:\n  name: x\n',
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    ],
    [
      'apiVersion: v1\nmetadata:\n  name: x\n',
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    ],
    [
      'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n',
      'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    ],
    [
      'apiVersion: apps/v1beta1\nkind: ReplicaSet\nmetadata:\n  name: x\n  namespace: dev\n',
      'error: resource mapping not found for name: "x" namespace: "dev" from "STDIN": no matches for kind "ReplicaSet" in version "apps/v1beta1"\nensure CRDs are installed first\n',
    ],
    ['', 'error: no objects passed to apply\n'],
  ])('%j', (stdin, stderr) => {
    expect(h.k('apply -f -', stdin)).toEqual({ code: 1, stdout: '', stderr })
  })

  it('a syntax error in a later document still applies the earlier ones', () => {
    const r = h.k('apply -f -', `${NS}---\nkind: [`)
    expect(r.stdout).toBe('namespace/team-a created\n')
    expect(r.stderr).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /)
    expect(r.code).toBe(1)
  })

  it('an unknown kind is reported after the others are applied', () => {
    const r = h.k('apply -f -', `apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n---\n${NS}`)
    expect(r.stdout).toBe('namespace/team-a created\n')
    expect(r.stderr).toBe('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n')
  })

  it('a missing namespace is a NotFound from the server', () => {
    expect(h.k('apply -n missing -f -', RS()).stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "missing" not found\n')
  })

  it('a namespace in the object that differs from -n', () => {
    expect(h.k('apply -n other -f -', RS().replace('  name: web\n', '  name: web\n  namespace: dev\n')).stderr).toBe(
      "error: the namespace from the provided object \"dev\" does not match the namespace \"other\". You must pass '--namespace=dev' to perform this operation.\n",
    )
  })

  it('Invalid objects print kubectl\'s "The <Kind> is invalid" form', () => {
    const bad = RS().replace('      labels:\n        app: web\n    spec', '      labels:\n        app: other\n    spec')
    expect(h.k('apply -f -', bad)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The ReplicaSet "web" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`\n',
    })
  })

  it('files cannot be read in the playground', () => {
    expect(h.k('apply -f web.yaml').stderr).toBe('error: the path "web.yaml" does not exist\n')
    expect(h.k('apply').stderr).toBe('error: must specify one of -f and -k\n')
  })
})
