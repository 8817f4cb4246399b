import { describe, expect, it } from 'vitest'
import { goYaml, goYamlKeyLess, resolvesToNonString } from './goyaml'
import { goJson, goJsonIndent } from './gojson'

describe('goYaml (sigs.k8s.io/yaml → go-yaml v2 emitter)', () => {
  it('sorts keys, does not indent sequences in mappings, quotes ambiguous strings', () => {
    const pod = {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: '2026-01-01T00:00:00Z', labels: { port: '80', on: 'yes' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
      status: { podIP: '', conditions: [{ type: 'Ready', lastProbeTime: null }] },
    }
    expect(goYaml(pod)).toBe(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  creationTimestamp: "2026-01-01T00:00:00Z"',
        '  labels:',
        '    "on": "yes"',
        '    port: "80"',
        '  name: web',
        'spec:',
        '  containers:',
        '  - image: nginx:1.25',
        '    name: c',
        '    ports:',
        '    - containerPort: 80',
        '      protocol: TCP',
        'status:',
        '  conditions:',
        '  - lastProbeTime: null',
        '    type: Ready',
        '  podIP: ""',
        '',
      ].join('\n'),
    )
  })

  it('single-quotes what plain style cannot carry, keeps plain what it can', () => {
    expect(goYaml({ a: 'a: b', b: '[x]', c: "it's", d: '-c', e: '- x', f: 'echo hi; sleep 1', g: 'x #y', h: '#c' })).toBe(
      "a: 'a: b'\nb: '[x]'\nc: it's\nd: -c\ne: '- x'\nf: echo hi; sleep 1\ng: 'x #y'\nh: '#c'\n",
    )
  })

  it('writes multi-line strings as literal blocks with chomping hints', () => {
    expect(goYaml({ a: '{"x":1}\n', b: 'l1\nl2', c: 'x\n\n' })).toBe('a: |\n  {"x":1}\nb: |-\n  l1\n  l2\nc: |+\n  x\n\n')
  })

  it('writes empty collections in flow style and nested sequences inline', () => {
    expect(goYaml({ a: {}, b: [], c: [[1, 2], { x: 1, y: 2 }] })).toBe('a: {}\nb: []\nc:\n- - 1\n  - 2\n- x: 1\n  "y": 2\n')
  })

  it('folds long scalars at the first space past column 80, continuation indented +2', () => {
    const msg = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'
    const out = goYaml({ status: { conditions: [{ message: msg }] } })
    expect(out).toBe(
      "status:\n  conditions:\n  - message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are\n      available: 3 No preemption victims found for incoming pod.'\n",
    )
  })

  it('escapes non-printable characters in double quotes', () => {
    expect(goYaml({ a: 'x\ty' })).toBe('a: "x\\ty"\n')
  })
})

describe('resolvesToNonString (YAML 1.1 resolve)', () => {
  it.each(['', '80', '0x1F', '1e3', '.5', 'true', 'yes', 'Off', '~', 'null', '2026-01-01', '2026-01-01T00:00:00Z', '1:20', '+1'])(
    '%s needs quotes',
    (s) => expect(resolvesToNonString(s)).toBe(true),
  )
  it.each(['nginx', 'v1', '1.25-alpine', 'node-1', '10.244.1.2', '-c', 'Running'])('%s stays plain', (s) =>
    expect(resolvesToNonString(s)).toBe(false),
  )
})

describe('goYamlKeyLess', () => {
  it('compares digit runs numerically and puts non-letters first', () => {
    expect(['node-10', 'node-2', 'node-1'].sort(goYamlKeyLess)).toEqual(['node-1', 'node-2', 'node-10'])
    expect(['b', 'a', 'B', '_x'].sort(goYamlKeyLess)).toEqual(['_x', 'B', 'a', 'b'])
  })
})

describe('goJson (encoding/json)', () => {
  it('sorts keys and escapes HTML characters', () => {
    expect(goJson({ b: 1, a: '<x>&', c: [true, null] })).toBe('{"a":"\\u003cx\\u003e\\u0026","b":1,"c":[true,null]}')
  })
  it('MarshalIndent with four spaces, empty collections inline', () => {
    expect(goJsonIndent({ kind: 'List', items: [], metadata: { resourceVersion: '' }, x: {} })).toBe(
      '{\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    },\n    "x": {}\n}',
    )
  })
})
