/**
 * What the shells offer on Tab, and how a shell tab is named and opened. The commands are the
 * ones the engine's node shell and container shell simulate (a real node has many more; Tab
 * shows what works here). Pure, so the tab strip, the shell and the tests agree.
 */
import type { ShellTarget } from '../../protocol'
import type { Completion } from '../console/complete'

/** A node's shell: kube-proxy's tables, the kernel's routes and connections, the container runtime, a client. */
export const NODE_COMMANDS = ['iptables-save', 'iptables', 'ipvsadm', 'ipset', 'ip', 'conntrack', 'curl', 'nslookup', 'dig', 'crictl', 'hostname', 'cat', 'clear', 'exit']
/** busybox in a container: a client, DNS, the environment. */
export const POD_COMMANDS = ['curl', 'wget', 'nslookup', 'cat', 'hostname', 'env', 'echo', 'ls', 'ps', 'sleep', 'clear', 'exit']

/** Second words worth completing (`ip r<Tab>` → `route`). */
const SECOND: Record<string, string[]> = {
  ip: ['addr', 'link', 'neigh', 'route'],
  ipset: ['list'],
  crictl: ['images', 'inspect', 'logs', 'pods', 'ps'],
  conntrack: ['-L'],
  ipvsadm: ['-Ln'],
  iptables: ['-L', '-S', '-t'],
  cat: ['/etc/hosts', '/etc/resolv.conf'],
}

export function completeShell(target: ShellTarget, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor)
  const from = before.lastIndexOf(' ') + 1
  const current = before.slice(from)
  const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean)
  const pool = words.length === 0 ? (target.kind === 'node' ? NODE_COMMANDS : POD_COMMANDS) : words.length === 1 ? (SECOND[words[0]] ?? []) : []
  return { from, to: cursor, options: pool.filter((c) => c.startsWith(current)).sort() }
}

/** The prompt people see: a node's root shell, or busybox's `/ #`. */
export function shellPrompt(t: ShellTarget): string {
  return t.kind === 'node' ? `${t.node}$` : '/ #'
}

export function shellTitle(t: ShellTarget): string {
  return t.kind === 'node' ? t.node : `${t.pod}${t.container ? `:${t.container}` : ''}`
}

/**
 * A short label for a crowded tab strip: generated pod names keep their first and last parts
 * (`web-7d9f8c-x2kqp` → `web-…-x2kqp`), which is what tells pods apart.
 */
export function shellLabel(t: ShellTarget): string {
  if (t.kind === 'node') return t.node
  const parts = t.pod.split('-')
  return parts.length >= 3 && t.pod.length > 14 ? `${parts[0]}-…-${parts[parts.length - 1]}` : t.pod
}

/**
 * The kubectl line that gives the same shell on a real cluster (the "command behind the
 * click"): `kubectl debug node/…` starts a pod in the node's namespaces with its root
 * filesystem at /host; `exec -it` attaches to a container.
 */
export function shellCommand(t: ShellTarget): string {
  if (t.kind === 'node') return t.node === 'external' ? 'ssh external  # a host outside the cluster' : `kubectl debug node/${t.node} -it --image=busybox -- chroot /host sh`
  const ns = t.namespace !== 'default' ? ` -n ${t.namespace}` : ''
  return `kubectl exec -it ${t.pod}${ns}${t.container ? ` -c ${t.container}` : ''} -- sh`
}

/** How a pod shell's lines run, for its header: `kubectl exec web-1 -c nginx -- sh -c '…'`. */
export function podExecPreview(t: Extract<ShellTarget, { kind: 'pod' }>): string {
  const ns = t.namespace !== 'default' ? ` -n ${t.namespace}` : ''
  return `kubectl exec ${t.pod}${ns}${t.container ? ` -c ${t.container}` : ''} -- sh -c '…'`
}
