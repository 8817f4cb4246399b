import { beforeEach, describe, expect, it } from 'vitest'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from './testing'
import { parseFieldSelector } from './fieldselector'

describe('fields.ParseSelector', () => {
  it.each([
    ['status.phase=Running', [{ field: 'status.phase', op: '=', value: 'Running' }]],
    ['status.phase==Running', [{ field: 'status.phase', op: '=', value: 'Running' }]],
    ['spec.nodeName!=node-1,metadata.name=web', [{ field: 'metadata.name', op: '=', value: 'web' }, { field: 'spec.nodeName', op: '!=', value: 'node-1' }]],
    ['metadata.name=a\\,b', [{ field: 'metadata.name', op: '=', value: 'a,b' }]],
    ['', []],
  ])('%j', (s, terms) => {
    expect(parseFieldSelector(s)).toEqual(terms)
  })
  it('a term without an operator', () => {
    expect(() => parseFieldSelector('status.phase')).toThrow("invalid selector: 'status.phase'; can't understand 'status.phase'")
  })
})

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2')
  addNode(h, 'node-2', '172.18.0.3')
  addPod(h, 'a', { node: 'node-1' })
  setStatus(h, 'a', runningStatus('10.244.1.2', '172.18.0.2', h.at(0)))
  addPod(h, 'b', { node: 'node-2' })
  setStatus(h, 'b', { phase: 'Pending' })
  addPod(h, 'c')
})

describe('--field-selector', () => {
  it('get: metadata.name, status.phase, spec.nodeName, !=', () => {
    expect(h.k('get pods --field-selector=status.phase=Running -o name').stdout).toBe('pod/a\n')
    expect(h.k('get pods --field-selector spec.nodeName=node-2 -o name').stdout).toBe('pod/b\n')
    expect(h.k('get pods --field-selector=spec.nodeName!=node-1,metadata.name!=c -o name').stdout).toBe('pod/b\n')
    expect(h.k('get pods --field-selector=spec.nodeName= -o name').stdout).toBe('pod/c\n')
    expect(h.k('get nodes --field-selector=metadata.name=node-2 -o name').stdout).toBe('node/node-2\n')
    expect(h.k('get pods -A --field-selector=metadata.namespace=kube-system').stderr).toBe('No resources found\n')
  })
  it('unsupported fields and bad selectors are the server\'s 400, as kubectl shows it', () => {
    expect(h.k('get pods --field-selector=foo=bar')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    })
    expect(h.k('get nodes --field-selector=status.phase=Ready').stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=nodes" that match label selector "", field selector "status.phase=Ready": field label not supported: status.phase\n',
    )
    expect(h.k('get pods -l app=web --field-selector=status.phase').stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app=web", field selector "status.phase": invalid selector: \'status.phase\'; can\'t understand \'status.phase\'\n',
    )
    expect(h.k('get pods a --field-selector=status.phase=Running').stderr).toBe('error: name cannot be provided when a selector is specified\n')
  })
  it('delete with a field selector', () => {
    // c was never scheduled: the API server created it Pending too.
    expect(h.k('delete pods --field-selector=status.phase=Pending').stdout).toBe('pod "b" deleted\npod "c" deleted\n')
    // The unscheduled c is gone at once; b, on a node, terminates gracefully; a is untouched.
    const left = h.ctx.api.list('pods', 'default').items.map((p) => `${p.metadata.name}${p.metadata.deletionTimestamp ? ' (terminating)' : ''}`)
    expect(left).toEqual(['a', 'b (terminating)'])
  })
})
