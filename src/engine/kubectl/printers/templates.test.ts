import { beforeEach, describe, expect, it } from 'vitest'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2')
  addPod(h, 'web-1', { labels: { app: 'web', tier: 'fe' }, node: 'node-1' })
  setStatus(h, 'web-1', runningStatus('10.244.1.5', '172.18.0.2', h.at(0)))
  addPod(h, 'web-2', { labels: { app: 'web' }, image: 'nginx:1.28' })
})

describe('kubectl get -o jsonpath', () => {
  it('a listing is a List; a named object is the object', () => {
    expect(h.k("get pods -o jsonpath='{.items[*].metadata.name}'")).toEqual({ code: 0, stdout: 'web-1 web-2', stderr: '' })
    expect(h.k('get pod web-1 -o jsonpath={.status.podIP}').stdout).toBe('10.244.1.5')
    expect(h.k("get pods -o jsonpath='{.kind} {.apiVersion}'").stdout).toBe('List v1')
  })
  it('range … end, filters, escapes', () => {
    expect(h.k(`get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}'`).stdout).toBe('web-1\tnode-1\nweb-2\t\n')
    expect(h.k(`get pod web-1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`).stdout).toBe('True')
  })
  it('parse and execution errors as kubectl prints them', () => {
    expect(h.k("get pods -o jsonpath='{.items[*'")).toEqual({ code: 1, stdout: '', stderr: 'error: error parsing jsonpath {.items[*, unterminated array\n' })
    expect(h.k('get pods -o jsonpath')).toEqual({ code: 1, stdout: '', stderr: 'error: template format specified but no template given\n' })
    const r = h.k('get pods -l app=none -o jsonpath={.items[3]}')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      'error: error executing jsonpath "{.items[3]}": Error executing template: array index out of bounds: index 3, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[3]}\n' +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    )
  })
  it('NotFound for a named object is reported, not printed as an empty result', () => {
    expect(h.k('get pod nope -o jsonpath={.metadata.name}')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' })
  })
})

describe('kubectl get -o custom-columns', () => {
  it('one header, one row per object, <none> for missing values, Go formatting for maps and lists', () => {
    expect(h.k('get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:status.podIP,LABELS:{.metadata.labels},IMAGES:.spec.containers[*].image')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'NAME    NODE     IP           LABELS                 IMAGES\n' +
        'web-1   node-1   10.244.1.5   map[app:web tier:fe]   nginx:1.27\n' +
        'web-2   <none>   <none>       map[app:web]           nginx:1.28\n',
    })
  })
  it('--no-headers; an empty listing prints only the header; spec errors', () => {
    expect(h.k('get pods --no-headers -o custom-columns=N:.metadata.name').stdout).toBe('web-1\nweb-2\n')
    expect(h.k('get pods -l app=none -o custom-columns=NAME:.metadata.name').stdout).toBe('NAME\n')
    expect(h.k('get pods -o custom-columns=NAME').stderr).toBe('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n')
    expect(h.k('get pods -o custom-columns=').stderr).toBe('error: custom-columns format specified but no custom columns given\n')
    expect(h.k('get pods -o custom-columns=A:{.a').stderr).toBe(
      "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n",
    )
  })
})
