import type { ContainerRuntime } from '../kubelet/containers'
import { hexDigest } from '../kubelet/hex'
import { tabbed } from '../kubectl/printers/tabwriter'
import type { ApiServer } from '../apiserver/apiserver'
import { fail, ok, type Command } from './script'

/**
 * `crictl ps [-a]` and `crictl pods` on a node: what containerd runs there, read from the node's
 * simulated runtime (not from the API — a stopped kubelet does not stop containers). Columns,
 * truncation (13 characters) and `CREATED` (docker go-units HumanDuration + " ago") follow
 * cri-tools' table printer (tabwriter 20/1/3).
 */

const TABLE = { minwidth: 20, tabwidth: 1, padding: 3, padchar: ' ' } as const

/** go-units HumanDuration. */
export function goUnitsHumanDuration(ms: number): string {
  const s = Math.floor(ms / 1000)
  if (s < 1) return 'Less than a second'
  if (s === 1) return '1 second'
  if (s < 60) return `${s} seconds`
  const m = Math.floor(s / 60)
  if (m === 1) return 'About a minute'
  if (m < 60) return `${m} minutes`
  const h = Math.round(s / 3600)
  if (h === 1) return 'About an hour'
  if (h < 48) return `${h} hours`
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`
  return `${Math.floor(h / 24 / 365)} years`
}

const STATE = { created: 'Created', running: 'Running', exited: 'Exited' } as const

export function crictlCommand(runtime: () => ContainerRuntime | undefined, api: ApiServer, now: () => number): Command {
  return (argv) => {
    const sub = argv[0]
    const rt = runtime()
    if (!rt) return fail('crictl: the container runtime is not reachable', 1)
    if (sub === 'ps') {
      const all = argv.includes('-a') || argv.includes('--all')
      const quiet = argv.includes('-q')
      const rows: string[][] = []
      const t = now()
      for (const uid of rt.podUids()) {
        const p = rt.pod(uid)
        if (!p) continue
        const obj = p.name ? api.peek('pods', p.namespace ?? 'default', p.name) : undefined
        for (const c of [...p.containers.values()].sort((a, b) => b.createdAt - a.createdAt)) {
          if (!all && c.state !== 'running') continue
          const attempt = (obj?.status?.containerStatuses ?? []).find((s: { name: string }) => s.name === c.name)?.restartCount ?? 0
          rows.push([c.id.slice(0, 13), hexDigest(`config:${c.facts.ref.canonical}`, 13), `${goUnitsHumanDuration(t - c.createdAt)} ago`, STATE[c.state],
            c.name, String(attempt), (p.sandbox?.id ?? hexDigest(uid, 64)).slice(0, 13), p.name ?? '', p.namespace ?? ''])
        }
      }
      if (quiet) return ok(rows.map((r) => r[0] + '\n').join(''))
      return ok(tabbed(TABLE, (w) => {
        w.write(['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'].join('\t') + '\n')
        for (const r of rows) w.write(r.join('\t') + '\n')
      }))
    }
    if (sub === 'pods') {
      const t = now()
      return ok(tabbed(TABLE, (w) => {
        w.write(['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'].join('\t') + '\n')
        for (const uid of rt.podUids()) {
          const p = rt.pod(uid)
          if (!p?.sandbox) continue
          w.write([p.sandbox.id.slice(0, 13), `${goUnitsHumanDuration(t - p.sandbox.createdAt)} ago`, 'Ready', p.name ?? '', p.namespace ?? '', '0', '(default)'].join('\t') + '\n')
        }
      }))
    }
    return fail(`crictl: the playground knows \`crictl ps [-a]\` and \`crictl pods\``, 1)
  }
}
