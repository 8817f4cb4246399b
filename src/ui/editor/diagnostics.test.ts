import { describe, expect, it } from 'vitest'
import { serverDiagnostics, syntaxDiagnostics } from './diagnostics'
import { parseApplyErrors, parseFieldPath } from './server-errors'

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
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
        ports:
        - containerPort: 80
`

/** The 1-based line and the text a diagnostic covers. */
const where = (text: string, d: { from: number; to: number }) => ({ line: text.slice(0, d.from).split('\n').length, text: text.slice(d.from, d.to) })

describe('parseFieldPath', () => {
  it.each([
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['spec.ports[1].nodePort', ['spec', 'ports', 1, 'nodePort']],
    ['metadata.name', ['metadata', 'name']],
  ])('%s', (p, want) => expect(parseFieldPath(p)).toEqual(want))
})

describe('parseApplyErrors', () => {
  it('reads one Invalid cause', () => {
    expect(parseApplyErrors('The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value\n')).toEqual([
      { type: 'field', kind: 'Deployment', name: 'web', field: 'spec.template.spec.containers[0].image', text: 'spec.template.spec.containers[0].image: Required value' },
    ])
  })

  it('reads bulleted causes (MultilineError)', () => {
    const e = parseApplyErrors('The Service "s" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.type: Unsupported value: "Foo": supported values: "ClusterIP"\n')
    expect(e.map((x) => (x.type === 'field' ? x.field : ''))).toEqual(['spec.ports[0].port', 'spec.type'])
  })

  it('reads YAML, validation, mapping and namespace errors', () => {
    expect(parseApplyErrors('error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n')).toEqual([
      { type: 'yaml', line: 3, text: 'yaml: line 3: mapping values are not allowed in this context' },
    ])
    expect(parseApplyErrors('error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n')).toEqual([
      { type: 'document', text: 'apiVersion not set, kind not set' },
    ])
    expect(parseApplyErrors('error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n')[0]).toEqual({
      type: 'document',
      kind: 'Foo',
      name: 'x',
      text: 'no matches for kind "Foo" in version "v1"',
    })
    expect(parseApplyErrors('Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n')).toEqual([{ type: 'namespace', namespace: 'shop', text: 'namespaces "shop" not found' }])
  })
})

describe('serverDiagnostics', () => {
  it('puts an Invalid value on the field’s line, key to value', () => {
    const [d] = serverDiagnostics(DEPLOY, 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n')
    expect(where(DEPLOY, d)).toEqual({ line: 6, text: 'replicas: -1' })
    expect(d).toMatchObject({ severity: 'error', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' })
  })

  it('puts a Required value on the nearest parent that exists (the container item)', () => {
    const [d] = serverDiagnostics(DEPLOY, 'The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value\n')
    expect(where(DEPLOY, d)).toEqual({ line: 16, text: 'name: nginx' })
  })

  it('finds the right document among several by kind and name', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 0\n---\n${DEPLOY}`
    const ds = serverDiagnostics(text, 'The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n')
    expect(ds.map((d) => where(text, d))).toEqual([{ line: 7, text: 'port: 0' }])
  })

  it('maps kubectl’s YAML line to the document that failed', () => {
    const text = `kind: Namespace\napiVersion: v1\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: b: c\n`
    const [d] = serverDiagnostics(text, 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n')
    expect(where(text, d).line).toBe(8)
  })

  it('marks an unknown kind and a missing namespace', () => {
    const text = 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n  namespace: shop\n'
    expect(serverDiagnostics(text, 'error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\n').map((d) => where(text, d))).toEqual([
      { line: 2, text: 'kind: Foo' },
    ])
    expect(serverDiagnostics(text, 'Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n').map((d) => where(text, d))).toEqual([
      { line: 5, text: 'namespace: shop' },
    ])
  })

  it('other errors are not placed (the result pane shows them)', () => {
    expect(serverDiagnostics(DEPLOY, 'Error from server (Conflict): something\n')).toEqual([])
  })
})

describe('syntaxDiagnostics', () => {
  it('a syntax error at its line and column', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n'
    const [d] = syntaxDiagnostics(text)
    expect(d.severity).toBe('error')
    expect(where(text, d).line).toBe(4)
    expect(d.message).toMatch(/at line 4, column/)
  })

  it('a document without kind is a warning, as kubectl would refuse it', () => {
    const text = 'apiVersion: v1\nmetadata:\n  name: a\n'
    expect(syntaxDiagnostics(text)).toEqual([{ from: 0, to: 14, severity: 'warning', message: 'kind not set' }])
  })

  it('a clean manifest has none', () => {
    expect(syntaxDiagnostics(DEPLOY)).toEqual([])
  })
})
