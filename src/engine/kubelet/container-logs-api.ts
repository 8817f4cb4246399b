import type { ContainerStatus, Pod } from '../api/types'
import type { ContainerRuntime } from './containers'
import type { LogLine } from './container-logs'

/**
 * `GetContainerLogs` as the kubelet serves it to `kubectl logs`: which container instance to
 * read, chosen from the pod's status by `validateContainerLogStatus` (`kubelet_pods.go`), with
 * its error texts (kubectl prints them as `Error from server (BadRequest): …`).
 */

export type LogsResult = { lines: readonly LogLine[]; containerID: string } | { error: string }

export function containerLogs(runtime: ContainerRuntime, pod: Pod, container: string, previous: boolean): LogsResult {
  const name = pod.metadata.name
  const st = pod.status
  const cs: ContainerStatus | undefined = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((s) => s.name === container)
  if (!cs) return { error: `container "${container}" in pod "${name}" is not available` }
  const last = cs.lastState?.terminated as { containerID?: string } | undefined
  const { waiting, running, terminated } = cs.state
  const term = terminated as { containerID?: string } | undefined
  let id: string | undefined
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container "${container}" in pod "${name}" not found` }
    id = last.containerID
  } else if (running) id = cs.containerID
  else if (term) {
    id = term.containerID || last?.containerID
    if (!id) return { error: `container "${container}" in pod "${name}" is terminated` }
  } else if (last) {
    if (!last.containerID) return { error: `container "${container}" in pod "${name}" is terminated` }
    id = last.containerID
  } else if (waiting) {
    const reason = waiting.reason
    if (reason === 'ErrImagePull') return { error: `container "${container}" in pod "${name}" is waiting to start: image can't be pulled` }
    if (reason === 'ImagePullBackOff') return { error: `container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image` }
    return { error: `container "${container}" in pod "${name}" is waiting to start: ${reason}` }
  } else return { error: `container "${container}" in pod "${name}" is waiting to start - no logs yet` }
  const raw = (id ?? '').replace(/^containerd:\/\//, '')
  const inst = runtime.instance(pod.metadata.uid as string, raw)
  // Advance a running process so its log is up to date.
  if (inst?.state === 'running') inst.proc?.advance(runtimeNow(runtime))
  if (!inst) return { error: `failed to try resolving symlinks in path "/var/log/pods/${pod.metadata.namespace}_${name}_${pod.metadata.uid}/${container}/${cs.restartCount}.log": lstat /var/log/pods/${pod.metadata.namespace}_${name}_${pod.metadata.uid}/${container}/${cs.restartCount}.log: no such file or directory` }
  return { lines: inst.log.lines, containerID: raw }
}

function runtimeNow(runtime: ContainerRuntime): number {
  return runtime.now()
}
