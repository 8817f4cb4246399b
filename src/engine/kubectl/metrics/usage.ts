import type { Container, Node, Pod } from '../../api/types'
import { cpuMillis, memoryBytes } from '../../api/quantity'
import { parseImage } from '../../kubelet/image-model'

/**
 * The playground's metrics-server: a deterministic usage model, since no container really
 * runs. A real cluster without metrics-server answers `kubectl top` with `error: Metrics API
 * not available`; the playground always simulates one (v0.7-like: scrape every 15 s).
 *
 * The model, per container, for the scrape window that contains `now`:
 * - **Idle usage by image** (`IDLE`): a server reads `1m` CPU (e.g. nginx 0.6m → 1m, 7Mi;
 *   httpd 12Mi; unknown server images 10Mi), busybox/alpine `0m` / `0Mi`.
 * - **Busy loops burn a core**: `stress --cpu N` (N cores), `stress --vm N --vm-bytes S`
 *   (N × S of memory), `while true; do :; done`, `yes`, `dd if=/dev/zero`, `sha256sum /dev/zero`.
 * - **Load**: `podRequestRate(ns, pod)` requests/s from the host (the traffic the tracer
 *   sends) adds `cpuPerRequest` millicores per request/s (0.1m for nginx, 0.5m otherwise).
 * - **Jitter**: a hash of (pod uid, container, window) moves CPU by ±20 % (busy loops ±1 %)
 *   and memory by ±3 %,
 *   so values change every scrape but the same run prints the same numbers. No RNG is used:
 *   reading metrics must not change what the cluster does next.
 * - **Limits cap** CPU (throttling) and memory; requests do not drive usage, as in reality.
 * - A container is reported once it has run for a whole scrape window (metrics-server needs
 *   two CPU samples), so fresh pods are missing — `error: metrics not available yet`.
 * Node usage = system daemons (kubelet, containerd, kube-proxy, OS: 45m / 520Mi, jittered)
 * plus its pods; a node whose kubelet is not Ready is not scraped (`<unknown>`).
 */

export const METRIC_RESOLUTION_MS = 15_000
const MI = 1024 * 1024

interface Profile {
  cpuMilli: number
  memoryBytes: number
  cpuPerRequest: number
}

// Idle CPU is a fraction of a millicore (±20 % stays under 1m), so an idle server reads `1m`.
const IDLE: Record<string, Profile> = {
  nginx: { cpuMilli: 0.6, memoryBytes: 7 * MI, cpuPerRequest: 0.1 },
  httpd: { cpuMilli: 0.7, memoryBytes: 12 * MI, cpuPerRequest: 0.3 },
  redis: { cpuMilli: 1.5, memoryBytes: 8 * MI, cpuPerRequest: 0.1 },
  busybox: { cpuMilli: 0, memoryBytes: 0.3 * MI, cpuPerRequest: 0.5 },
  alpine: { cpuMilli: 0, memoryBytes: 0.5 * MI, cpuPerRequest: 0.5 },
  pause: { cpuMilli: 0, memoryBytes: 0.2 * MI, cpuPerRequest: 0 },
  coredns: { cpuMilli: 1.6, memoryBytes: 14 * MI, cpuPerRequest: 0.2 },
  agnhost: { cpuMilli: 0.7, memoryBytes: 10 * MI, cpuPerRequest: 0.5 },
}
const DEFAULT_PROFILE: Profile = { cpuMilli: 0.7, memoryBytes: 10 * MI, cpuPerRequest: 0.5 }
const SYSTEM = { cpuMilli: 45, memoryBytes: 520 * MI }

export interface Usage {
  /** Nanocores, as metrics-server reports CPU. */
  cpuNano: number
  memoryBytes: number
}

export interface ContainerUsage extends Usage {
  name: string
}

export interface PodMetrics {
  namespace: string
  name: string
  containers: ContainerUsage[]
}

/** FNV-1a over a string: the deterministic source of jitter. */
function fnv(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A factor in [1 − spread, 1 + spread] fixed for this key. */
function jitter(key: string, spread: number): number {
  return 1 - spread + (2 * spread * (fnv(key) % 10_000)) / 10_000
}

/** The scrape window that contains `now` (its index; the scrape happened at its start). */
export const windowOf = (now: number) => Math.floor(now / METRIC_RESOLUTION_MS)

function profileFor(c: Container): Profile {
  const repo = parseImage(c.image ?? '').repository.split('/').pop() ?? ''
  return IDLE[repo] ?? DEFAULT_PROFILE
}

/** The size argument of `stress --vm-bytes 256M` (units as stress takes them: B, K, M, G). */
function stressBytes(s: string): number {
  const m = /^(\d+)([bkmgBKMG]?)$/.exec(s)
  if (!m) return 256 * MI
  const unit = { '': 1, b: 1, k: 1024, m: MI, g: 1024 * MI }[m[2].toLowerCase()] ?? 1
  return Number(m[1]) * unit
}

/** Busy work the container's command does: extra millicores and bytes. */
export function busyWork(c: Container): { cpuMilli: number; memoryBytes: number } {
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String)
  const line = argv.join(' ')
  const flag = (names: string[]) => {
    for (let i = 0; i < argv.length - 1; i++) if (names.includes(argv[i])) return argv[i + 1]
    const m = line.match(new RegExp(`(?:^|\\s)(?:${names.join('|')})[= ](\\S+)`))
    return m?.[1]
  }
  let cpu = 0
  let mem = 0
  if (/(^|[\s/])stress(-ng)?(\s|$)/.test(line) || argv[0]?.endsWith('stress')) {
    cpu += 1000 * Number(flag(['--cpu', '-c']) ?? 0)
    const vm = Number(flag(['--vm', '-m']) ?? 0)
    if (vm > 0) {
      mem += vm * stressBytes(flag(['--vm-bytes']) ?? '256M')
      cpu += 1000 * vm
    }
  }
  if (/while\s+(true|:)\s*;\s*do\s*(:|true)\s*;\s*done/.test(line) || /(^|[;&|\s])yes(\s|$)/.test(line) || /dd\s+if=\/dev\/(zero|urandom)/.test(line) || /sha\d*sum\s+\/dev\/zero/.test(line))
    cpu += 1000
  return { cpuMilli: cpu, memoryBytes: mem }
}

/** One container's usage in the current window, or undefined when metrics-server has no sample yet. */
export function containerUsage(pod: Pod, c: Container, now: number, parse: (ts: string | undefined) => number | undefined, rps: number): ContainerUsage | undefined {
  const st = (pod.status?.containerStatuses ?? []).find((s) => s.name === c.name)
  const started = parse(st?.state?.running?.startedAt)
  if (started === undefined) return undefined
  const scrapedAt = windowOf(now) * METRIC_RESOLUTION_MS
  if (started > scrapedAt - METRIC_RESOLUTION_MS) return undefined
  const profile = profileFor(c)
  const busy = busyWork(c)
  const key = `${pod.metadata.uid}/${c.name}/${windowOf(now)}`
  // A busy loop pegs its cores (±1 %); idle and request-driven CPU wobble by ±20 %.
  let cpu = (profile.cpuMilli + rps * profile.cpuPerRequest) * jitter(key + '/cpu', 0.2) + busy.cpuMilli * jitter(key + '/busy', 0.01)
  let mem = (profile.memoryBytes + busy.memoryBytes) * jitter(key + '/mem', 0.03)
  const limits = c.resources?.limits ?? {}
  if (limits.cpu !== undefined) cpu = Math.min(cpu, cpuMillis(limits.cpu))
  if (limits.memory !== undefined) mem = Math.min(mem, memoryBytes(limits.memory))
  return { name: c.name, cpuNano: Math.round(cpu * 1e6), memoryBytes: Math.round(mem) }
}

/** A pod's metrics (its running containers that have a sample), or undefined when none has. */
export function podMetrics(pod: Pod, now: number, parse: (ts: string | undefined) => number | undefined, rps: number): PodMetrics | undefined {
  if (pod.status?.phase !== 'Running') return undefined
  const containers = pod.spec.containers.map((c) => containerUsage(pod, c, now, parse, rps)).filter((u): u is ContainerUsage => !!u)
  if (containers.length === 0) return undefined
  return { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', containers }
}

/** A node's usage: system daemons plus its pods' containers; undefined when its kubelet is not Ready. */
export function nodeUsage(node: Node, pods: PodMetrics[], now: number): Usage | undefined {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready')
  if (ready?.status !== 'True') return undefined
  const key = `${node.metadata.uid}/${windowOf(now)}`
  let cpuNano = SYSTEM.cpuMilli * 1e6 * jitter(key + '/cpu', 0.2)
  let mem = SYSTEM.memoryBytes * jitter(key + '/mem', 0.02)
  for (const p of pods)
    for (const c of p.containers) {
      cpuNano += c.cpuNano
      mem += c.memoryBytes
    }
  return { cpuNano: Math.round(cpuNano), memoryBytes: Math.round(mem) }
}

/** `Quantity.MilliValue()` of a nanocore count: rounded up. */
export const milliCPU = (nano: number) => Math.ceil(nano / 1e6)
/** `%vMi` of `Quantity.Value()/(1024*1024)`: rounded down. */
export const mebibytes = (bytes: number) => Math.floor(bytes / MI)
