import { describe, expect, it } from 'vitest'
import { parseConsoleLine } from './run'

describe('parseConsoleLine', () => {
  it.each([
    ['', { kind: 'empty' }],
    ['clear', { kind: 'clear' }],
    ['help', { kind: 'help' }],
    ['kubectl help', { kind: 'help' }],
    ['kubectl edit deployment web', { kind: 'edit', args: 'deployment web' }],
    ['edit deploy/web -n shop', { kind: 'edit', args: 'deploy/web -n shop' }],
    // kubectl answers these itself (usage error, help text).
    ['kubectl edit', { kind: 'kubectl', line: 'kubectl edit' }],
    ['kubectl edit -h', { kind: 'kubectl', line: 'kubectl edit -h' }],
    ['kubectl get pods -w', { kind: 'kubectl', line: 'kubectl get pods -w' }],
    ['kubectl help get', { kind: 'kubectl', line: 'kubectl help get' }],
  ])('%j', (line, want) => expect(parseConsoleLine(line)).toEqual(want))
})
