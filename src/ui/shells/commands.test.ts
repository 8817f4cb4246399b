import { describe, expect, it } from 'vitest'
import { completeShell, shellCommand, shellLabel, shellPrompt, shellTitle } from './commands'

const node = { kind: 'node', node: 'node-1' } as const
const pod = { kind: 'pod', namespace: 'shop', pod: 'web-1', container: 'nginx' } as const

describe('shell commands', () => {
  it.each([
    [node, 'ipt', ['iptables', 'iptables-save']],
    [node, 'ip r', ['route']],
    [node, 'cr', ['crictl']],
    [pod, 'w', ['wget']],
    [pod, 'cat /etc/r', ['/etc/resolv.conf']],
    [pod, 'iptables-save', []],
  ] as const)('%j %s → %j', (t, line, want) => {
    expect(completeShell(t, line, line.length).options).toEqual(want)
  })

  it('prompts, titles and the kubectl line behind opening a shell', () => {
    expect(shellPrompt(node)).toBe('node-1$')
    expect(shellPrompt(pod)).toBe('/ #')
    expect(shellTitle(pod)).toBe('web-1:nginx')
    expect(shellLabel({ kind: 'pod', namespace: 'default', pod: 'web-8455f688c5-grcn2' })).toBe('web-…-grcn2')
    expect(shellLabel(pod)).toBe('web-1')
    expect(shellCommand(node)).toBe('kubectl debug node/node-1 -it --image=busybox -- chroot /host sh')
    expect(shellCommand(pod)).toBe('kubectl exec -it web-1 -n shop -c nginx -- sh')
    expect(shellCommand({ kind: 'pod', namespace: 'default', pod: 'p' })).toBe('kubectl exec -it p -- sh')
  })
})
