import type { EngineContext } from '../context'
import type { ScheduleRecord } from '../records'
import type { FlagDef, Flags } from './flags'

/**
 * What kubectl needs from the cluster: the engine context (its API server, clock) and the
 * scheduler's decisions for the UI. `Cluster` satisfies this interface.
 */
export interface KubectlHost {
  ctx: EngineContext
  now(): number
  schedulingDecision(namespace: string, name: string): ScheduleRecord | undefined
  // services & nodes
  /**
   * `pods/log`, as the API server proxies it to the pod's kubelet: the lines of one
   * container instance (the current one, or with `previous` the last terminated one), oldest
   * first. kubectl has already checked the container's state (`validateContainerLogStatus`,
   * see `verbs/logs.ts`), so the hook only reads the kubelet's log. May throw an `ApiError`.
   * Without the hook, `kubectl logs` says the playground cannot read logs.
   */
  logs?(namespace: string, pod: string, container: string, opts: { previous: boolean }): PodLogLine[]
  /**
   * `pods/exec`: run `argv` in a running container (the shell helper's `execInPod`). kubectl
   * has already resolved the pod and container and checked that the container runs.
   */
  execInPod?(namespace: string, pod: string, container: string, argv: string[], stdin?: string): { code: number; stdout: string; stderr: string }
  /**
   * The simulated metrics-server's load input: requests per second a pod is serving now
   * (e.g. from the packet tracer). Optional; without it pods show their idle usage.
   */
  podRequestRate?(namespace: string, pod: string): number
}

/** One line of a container's log (virtual ms, as the kubelet's `ContainerLog` keeps it). */
export interface PodLogLine {
  at: number
  text: string
  stream?: 'stdout' | 'stderr'
}

/** What `-w` hands the worker: enough to print later changes with `watchLines` (`printers/watch.ts`). */
export interface WatchSpec {
  /** Plural resource, e.g. `pods`. */
  resource: string
  /** Undefined: all namespaces (`-A`) or a cluster-scoped resource. */
  namespace?: string
  /** `get pod web -w`: only this object. */
  name?: string
  /** `-l`, as typed. */
  selector?: string
  /** `--field-selector`, as typed. */
  fieldSelector?: string
  columns: { output: '' | 'wide' | 'name' | 'yaml' | 'json'; noHeaders: boolean; showLabels: boolean; labelColumns: string[]; withNamespace: boolean }
  /** Whether the header line has been printed (kubectl prints it once, with the first row). */
  headerPrinted: boolean
  /** Column widths remembered across flushes (kubectl's tabwriter `RememberWidths`). */
  widths: number[]
  /** Objects printed so far, for `-o yaml`'s `---` separators. */
  printed: number
}

/** `kubectl exec -it POD -- sh` asks for a terminal: the UI opens a pod shell with these. */
export interface ShellRequest {
  namespace: string
  pod: string
  container: string
  command: string[]
}

/** Everything a verb gets: parsed flags and args, the host, and where to write. */
export interface CommandContext {
  host: KubectlHost
  args: string[]
  flags: Flags
  stdin?: string
  /** `-n`, or `default`. */
  namespace: string
  /** `-n` was given (kubectl's `enforceNamespace`). */
  explicitNamespace: boolean
  /** `kubectl get` — used in usage and help messages. */
  path: string
  out: Output
}

/** One kubectl verb. Adding a verb: write one of these in `verbs/` and list it in `verbs/index.ts`. */
export interface Command {
  name: string
  aliases?: string[]
  /** One line for `kubectl --help`. */
  short: string
  /** Flags besides the global ones. */
  flags: FlagDef[]
  /** Usage line shown by `-h`. */
  use: string
  /** Throws KubectlError / ApiError / AggregateErrors; writes results to `ctx.out`. */
  run(ctx: CommandContext): void
}

/** Captured stdout and stderr. */
export class Output {
  stdout = ''
  stderr = ''
  // services & nodes
  /** Set by `get -w`: the worker streams later changes with it. */
  watch?: WatchSpec
  /** Set by `exec -it … sh`: the UI opens a pod shell. */
  shell?: ShellRequest
  out(s: string): void {
    this.stdout += s
  }
  err(s: string): void {
    this.stderr += s
  }
}

/** Flags every command accepts (kubectl's persistent root flags that matter here). */
export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'v', short: 'v', type: 'int', usage: 'number for the log level verbosity' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'help', short: 'h', type: 'bool', usage: 'help for the command' },
]

/** Shared flag definitions, so every verb spells them the same way. */
export const F = {
  output: { name: 'output', short: 'o', type: 'string', usage: 'Output format.' },
  selector: { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  allNamespaces: { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'List the requested object(s) across all namespaces.' },
  filename: { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files.' },
  dryRun: { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  all: { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types.' },
  validate: { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict', usage: 'strict, warn or ignore' },
} satisfies Record<string, FlagDef>

/** `--dry-run` as kubectl reads it (`cmdutil.GetDryRunStrategy`). */
export function dryRunStrategy(flags: Flags): 'none' | 'client' | 'server' {
  const v = flags.string('dry-run')
  if (v === 'none' || v === '' || v === 'false') return 'none'
  if (v === 'client' || v === 'true') return 'client'
  if (v === 'server') return 'server'
  if (v === 'unchanged') return 'client'
  throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`)
}
