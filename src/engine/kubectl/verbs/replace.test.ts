import { beforeEach, describe, expect, it } from 'vitest'
import { kubectlHarness, type Harness } from '../testing'

const POD = (image: string, rv?: string) => `apiVersion: v1
kind: Pod
metadata:
  name: solo
${rv ? `  resourceVersion: "${rv}"\n` : ''}spec:
  containers:
  - name: app
    image: ${image}
`
const CONFLICT = 'Operation cannot be fulfilled on pods "solo": the object has been modified; please apply your changes to the latest version and try again'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  expect(h.k('apply -f -', POD('nginx:1.27')).stdout).toBe('pod/solo created\n')
})

const RS = (replicas: number, rv?: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
${rv ? `  resourceVersion: "${rv}"\n` : ''}spec:
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
      - name: app
        image: nginx:1.27
`

describe('kubectl replace -f -', () => {
  it('without a resourceVersion replaces unconditionally (PUT)', () => {
    h.k('apply -f -', RS(1))
    h.k('label rs web x=y') // someone else wrote in between: without a resourceVersion there is no conflict
    expect(h.k('replace -f -', RS(2))).toEqual({ code: 0, stdout: 'replicaset.apps/web replaced\n', stderr: '' })
    const rs = h.ctx.api.get('replicasets', 'default', 'web')
    expect(rs.spec.replicas).toBe(2)
    // PUT replaces the whole object: the label and last-applied annotation are gone.
    expect(rs.metadata.labels).toBeUndefined()
    expect(rs.metadata.annotations).toBeUndefined()
  })

  it('sends the manifest resourceVersion: current succeeds, stale is a 409', () => {
    h.k('apply -f -', RS(1))
    const rv = h.ctx.api.get('replicasets', 'default', 'web').metadata.resourceVersion!
    expect(h.k('replace -f -', RS(2, rv)).stdout).toBe('replicaset.apps/web replaced\n')
    expect(h.k('replace -f -', RS(3, rv))).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on replicasets.apps "web": the object has been modified; please apply your changes to the latest version and try again\n',
    })
    expect(h.ctx.api.get('replicasets', 'default', 'web').spec.replicas).toBe(2)
  })

  it('a pod with a stale resourceVersion', () => {
    const rv = h.ctx.api.get('pods', 'default', 'solo').metadata.resourceVersion!
    h.k('label pod solo x=y')
    expect(h.k('replace -f -', POD('nginx:1.28', rv))).toEqual({ code: 1, stdout: '', stderr: `Error from server (Conflict): error when replacing "STDIN": ${CONFLICT}\n` })
  })

  it('missing object, missing -f', () => {
    h.k('delete pod solo --wait=false')
    expect(h.k('replace -f -', POD('nginx:1.28')).stderr).toBe('Error from server (NotFound): error when replacing "STDIN": pods "solo" not found\n')
    expect(h.k('replace')).toEqual({ code: 1, stdout: '', stderr: 'error: must specify --filename to replace\n' })
  })
})

describe('kubectl apply keeps the manifest resourceVersion', () => {
  it('a stale resourceVersion is a Conflict in kubectl apply\'s shape', () => {
    const rv = h.ctx.api.get('pods', 'default', 'solo').metadata.resourceVersion!
    h.k('label pod solo x=y')
    const r = h.k('apply -f -', POD('nginx:1.28', rv))
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Error from server \(Conflict\): error when applying patch:\n\{.*"resourceVersion":"\d+".*\}\nto:\n/)
    expect(r.stderr).toContain(
      `\nto:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "solo", Namespace: "default"\nfor: "STDIN": error when patching "STDIN": ${CONFLICT}\n`,
    )
    expect(h.ctx.api.get('pods', 'default', 'solo').spec.containers[0].image).toBe('nginx:1.27')
  })

  it('the current resourceVersion applies', () => {
    const rv = h.ctx.api.get('pods', 'default', 'solo').metadata.resourceVersion!
    expect(h.k('apply -f -', POD('nginx:1.28', rv)).stdout).toBe('pod/solo configured\n')
  })
})
