import { describe, expect, it } from 'vitest'
import { JsonPath } from './jsonpath'
import { parseJsonPath } from './jsonpath-parse'

// A `kubectl get pods` List as kubectl hands it to the JSONPath printer.
const LIST = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: [
    {
      metadata: { name: 'web-1', labels: { app: 'web', tier: 'fe' } },
      spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      status: { podIP: '10.244.1.5', conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }] },
    },
    {
      metadata: { name: 'web-2', labels: { app: 'web' } },
      spec: { nodeName: 'node-2', containers: [{ name: 'nginx', image: 'nginx:1.28' }, { name: 'log', image: 'busybox' }] },
      status: { podIP: '10.244.2.7', conditions: [{ type: 'Ready', status: 'False' }], ratio: 0.5, hostNetwork: false },
    },
  ],
}

const run = (t: string, data: unknown = LIST) => new JsonPath(t).execute(data)

describe('kubectl JSONPath: evaluation', () => {
  it.each([
    ['{.items[*].metadata.name}', 'web-1 web-2'],
    ['{.items[0].metadata.name}', 'web-1'],
    ['{.items[-1].metadata.name}', 'web-2'],
    ['{.items[1:].metadata.name}', 'web-2'],
    ['{.items[0:2:2].metadata.name}', 'web-1'],
    ['{.items[*].spec.containers[*].image}', 'nginx:1.27 nginx:1.28 busybox'],
    ["{.items[0].metadata.labels['app']}", 'web'],
    ['{.items[0].metadata.labels}', '{"app":"web","tier":"fe"}'],
    ['{.items[0].spec.containers[0].ports}', '[{"containerPort":80}]'],
    ['{.items[*].status.conditions[?(@.type=="Ready")].status}', 'True False'],
    ['{.items[?(@.status.podIP=="10.244.2.7")].metadata.name}', 'web-2'],
    ['{.items[?(@.metadata.labels.tier)].metadata.name}', 'web-1'],
    ['{.items[0][\'metadata\', \'spec\'].nodeName}', 'node-1'],
    ['{..podIP}', '10.244.1.5 10.244.2.7'],
    ['{.items[*].metadata.missing}', ''],
    ['names: {.items[*].metadata.name}!', 'names: web-1 web-2!'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}', 'web-1\tnode-1\nweb-2\tnode-2\n'],
    ['{range .items[*]}[{.metadata.name}]{end}done', '[web-1][web-2]done'],
    ['{.items[1].status.ratio}', '0.5'],
    ['{.items[1].status.hostNetwork}', 'false'],
    ['{.kind}{.metadata.resourceVersion}', 'List'],
  ])('%s', (template, expected) => {
    expect(run(template)).toBe(expected)
  })

  it('a union inside brackets reads fields of the same object', () => {
    expect(run("{.items[0].metadata['name','labels']}")).toBe('web-1 {"app":"web","tier":"fe"}')
  })

  it('numeric filters never match integer fields (kubectl compares its int64 data with float64 literals)', () => {
    expect(run('{.items[*].spec.containers[?(@.ports[0].containerPort==80)].name}')).toBe('')
    expect(run('{.items[?(@.status.ratio==0.5)].metadata.name}')).toBe('web-2')
  })

  it('errors client-go reports', () => {
    expect(() => run('{.items[5]}')).toThrow('array index out of bounds: index 5, length 2')
    expect(() => run('{.metadata[0]}')).toThrow('map[string]interface {} is not array or slice')
    expect(() => run('{.items[0:2:0]}')).toThrow('step must be > 0')
    expect(() => run('{end}')).toThrow('not in range, nothing to end')
    expect(() => run('{.items[*].metadata.name ==}')).toThrow()
  })
})

describe('kubectl JSONPath: parse errors', () => {
  it.each([
    ['{.items[*]', 'unclosed action'],
    ['{.items[*}', 'unterminated array'],
    ['{.items[?(@.a=="b"}', 'unterminated filter'],
    ['{"abc}', 'unterminated quoted string'],
    ['{.a....b}', 'invalid multiple recursive descent'],
    ['{.items[x]}', 'invalid array index x'],
    ['{#}', "unrecognized character in action: U+0023 '#'"],
    ['{1.2.3}', 'cannot parse number 1.2.3'],
    ['{.a,.b}', "unrecognized character in action: U+002C ','"],
  ])('%s → %s', (template, message) => {
    expect(() => parseJsonPath(template)).toThrow(message)
  })

  it('text outside braces is literal; quoted text inside is unquoted', () => {
    expect(parseJsonPath('a{"x\\ty"}b').nodes).toEqual([
      { type: 'text', text: 'a' },
      { type: 'list', nodes: [{ type: 'text', text: 'x\ty' }] },
      { type: 'text', text: 'b' },
    ])
  })
})
