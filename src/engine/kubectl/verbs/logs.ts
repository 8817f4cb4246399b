import type { ContainerStatus, Pod } from '../../api/types'
import { matches } from '../../api/selector'
import { ApiError } from '../../apiserver/errors'
import type { Command, CommandContext, PodLogLine } from '../command'
import { KubectlError, usageError } from '../errors'
import { ACTOR } from '../resources'
import { allContainerNames, hasContainer, podForObject } from './pod-for-object'
import { selectorOrError } from './selector-arg'

/**
 * `kubectl logs (POD | TYPE/NAME) [-c CONTAINER]` (kubectl `pkg/cmd/logs/logs.go`,
 * `polymorphichelpers.logsForObject`): the container defaults to the
 * `kubectl.kubernetes.io/default-container` annotation or the first container, with
 * `Defaulted container "a" out of: a, b` on stderr; the kubelet refuses containers that
 * have not started (`validateContainerLogStatus`, reproduced here from the pod's status):
 * `Error from server (BadRequest): container "web" in pod "web-x" is waiting to start:
 * ContainerCreating`. `--tail`, `--since`, `--timestamps`, `--prefix`, `--all-containers`,
 * `-l` (ten lines per pod unless `--tail`) and `-p` work; `-f` cannot — kubectl here
 * returns, it does not stream — and says so.
 */
export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  use: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'previous', short: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'follow', short: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
    { name: 'since', type: 'duration', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs.' },
    { name: 'since-time', type: 'string', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs.' },
    { name: 'limit-bytes', type: 'int', usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'all-containers', type: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'prefix', type: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'selector', short: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'ignore-errors', type: 'bool', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'pod-running-timeout', type: 'duration', default: 20_000, usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
  ],
  run(ctx) {
    const f = ctx.flags
    const selector = f.string('selector')
    const usage = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command"
    if (ctx.args.length === 0 && !selector) throw usageError(ctx.path, usage)
    if (ctx.args.length === 1 && selector) throw usageError(ctx.path, 'only a selector (-l) or a POD name is allowed')
    if (ctx.args.length > 2) throw usageError(ctx.path, usage)
    let container = f.string('container')
    if (ctx.args.length === 2) {
      if (f.changed('container')) throw new KubectlError('only one of -c or an inline [CONTAINER] arg is allowed')
      container = ctx.args[1]
    }
    if (f.string('since-time') && f.changed('since')) throw new KubectlError('at most one of `sinceTime` or `sinceSeconds` may be specified')
    if (f.bool('all-containers') && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`)
    if (f.int('limit-bytes') < 0) throw new KubectlError('--limit-bytes must be greater than 0')
    if (f.duration('since') < 0) throw new KubectlError('--since must be greater than 0')
    let tail = f.int('tail')
    if (tail < -1) throw new KubectlError('--tail must be greater than or equal to -1')
    if (f.bool('follow'))
      throw new KubectlError("the playground's kubectl cannot follow logs (-f): it prints what is there and returns. Run the command again for new lines, or open the pod's log panel")
    if (selector && !f.changed('tail')) tail = 10

    const api = ctx.host.ctx.api
    let pods: Pod[]
    if (selector) {
      const sel = selectorOrError(ctx, 'pods', selector)
      pods = api.list('pods', ctx.namespace, { actor: ACTOR, filter: (p) => matches(sel, p.metadata.labels) }).items as Pod[]
      if (pods.length === 0) {
        ctx.out.err(`No resources found in ${ctx.namespace} namespace.\n`)
        return
      }
    } else {
      const { pod, count } = podForObject(ctx, ctx.args[0], 'logging', 'logs')
      if (count > 1) ctx.out.err(`Found ${count} pods, using pod/${pod.metadata.name}\n`)
      pods = [pod]
    }
    for (const pod of pods) {
      for (const c of containersToRead(ctx, pod, container, !!selector)) ctx.out.out(readLogs(ctx, pod, c, tail))
    }
  },
}

function containersToRead(ctx: CommandContext, pod: Pod, container: string, allPods: boolean): string[] {
  if (ctx.flags.bool('all-containers')) return [...(pod.spec.initContainers ?? []).map((c) => c.name), ...pod.spec.containers.map((c) => c.name)]
  let name = container
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']
  if (!name && annotated) {
    if (hasContainer(pod, annotated)) name = annotated
    else ctx.out.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`)
  }
  if (!name) {
    name = pod.spec.containers[0]?.name ?? ''
    if ((pod.spec.containers.length > 1 || (pod.spec.initContainers ?? []).length > 0) && !allPods)
      ctx.out.err(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`)
  }
  if (!hasContainer(pod, name)) throw new KubectlError(`container ${name} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`)
  return [name]
}

/**
 * The kubelet's `validateContainerLogStatus` on the pod's status: why there is nothing to read
 * yet (undefined when there is). The API server returns it as a 400.
 */
export function containerLogStatusError(pod: Pod, container: string, previous: boolean): string | undefined {
  const podName = pod.metadata.name
  const cs: ContainerStatus | undefined = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container)
  if (!cs) return `container "${container}" in pod "${podName}" is not available`
  const last = cs.lastState?.terminated
  if (previous) return last ? undefined : `previous terminated container "${container}" in pod "${podName}" not found`
  if (cs.state?.running || cs.state?.terminated || last) return undefined
  const waiting = cs.state?.waiting
  if (waiting) {
    if (waiting.reason === 'ErrImagePull') return `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`
    if (waiting.reason === 'ImagePullBackOff') return `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`
    return `container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}`
  }
  return `container "${container}" in pod "${podName}" is waiting to start - no logs yet`
}

function readLogs(ctx: CommandContext, pod: Pod, container: string, tail: number): string {
  const f = ctx.flags
  // LogLocation: a pod without a node has no log location; the API server returns an empty stream.
  if (!pod.spec.nodeName) return ''
  const previous = f.bool('previous')
  const why = containerLogStatusError(pod, container, previous)
  if (why) throw new ApiError(400, 'BadRequest', why)
  if (!ctx.host.logs) throw new KubectlError("the playground's kubectl cannot read container logs in this cluster (no kubelet log hook)")
  let lines: PodLogLine[] = ctx.host.logs(pod.metadata.namespace ?? ctx.namespace, pod.metadata.name ?? '', container, { previous })
  const clock = ctx.host.ctx.clock
  const sinceTime = f.string('since-time') ? clock.parse(f.string('since-time')) : f.changed('since') ? ctx.host.now() - f.duration('since') : undefined
  if (sinceTime !== undefined) lines = lines.filter((l) => l.at >= sinceTime)
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail)
  const prefix = f.bool('prefix') ? `[pod/${pod.metadata.name}/${container}] ` : ''
  let text = lines.map((l) => `${prefix}${f.bool('timestamps') ? rfc3339Nano(clock.timestamp(l.at), l.at) + ' ' : ''}${l.text}\n`).join('')
  const limit = f.int('limit-bytes')
  if (limit > 0) text = new TextDecoder().decode(new TextEncoder().encode(text).slice(0, limit))
  return text
}

/** Go's `time.RFC3339Nano` (trailing zeros of the fraction dropped) of a virtual instant. */
function rfc3339Nano(seconds: string, ms: number): string {
  const frac = ((ms % 1000) + 1000) % 1000
  if (frac === 0) return seconds
  return seconds.replace(/Z$/, `.${String(frac).padStart(3, '0').replace(/0+$/, '')}Z`)
}
