import type { Container, Pod } from '../api/types'
import { imageTag } from '../api/kinds/pod-spec'
import type { PullResult } from './containers'
import type { WaitingReason } from './pod-status'
import type { WorkerHost } from './pod-worker'
import { imageFacts, type ImageFacts } from './image-model'
import { goDuration } from './go-duration'
import { stageDelay } from './stages'
import { formatPod, runHook, type LifecycleHandler } from './hooks'
import type { ProbeTarget } from './probe-handlers'
import type { KillReason } from './pod-actions'

/**
 * Starting one container, as SyncPod's `start` and `startContainer` do it
 * (`kuberuntime_manager.go`, `kuberuntime_container.go`):
 * 1. `doBackOff`: the container exited before and its back-off since that exit has not run out →
 *    waiting `CrashLoopBackOff` (`back-off 20s restarting failed container=<c> pod=<pod>_<ns>(<uid>)`)
 *    and Warning `BackOff`; otherwise the back-off steps up (10 s doubling to 300 s, REFERENCE 6.5).
 * 2. The image (`EnsureImageExists`): present, pulled, or ErrImagePull / ImagePullBackOff.
 * 3. Create (Normal `Created`), start (Normal `Started`).
 * 4. postStart, which blocks the pod's sync until it returns; a failure records Warning
 *    `FailedPostStartHook`, kills the container (`Killing` `FailedPostStartHook`) and leaves the
 *    reason `PostStartHookError` with the kubelet's message.
 * `done(ok)` reports the start result (the reason cache is cleared on success).
 */

export interface StartOps {
  readonly host: WorkerHost
  readonly uid: string
  pod(): Pod
  readonly reasons: Map<string, WaitingReason>
  /** Containers whose postStart hook runs (their status is not regenerated meanwhile). */
  readonly frozen: Set<string>
  step(name: string, ms: number, run: () => void): void
  /** Pull an image as the sync's current operation. */
  pull(image: string, onDone: (r: PullResult) => void): void
  kill(c: Container, message: string, reason: KillReason, done: () => void): void
  /** Sync again at this virtual time (the end of a back-off). */
  retryAt(at: number): void
  event(type: 'Normal' | 'Warning', reason: string, message: string): void
  log(stage: string, container?: string, detail?: string): void
  writeStatus(): void
  target(): ProbeTarget | undefined
}

/** The back-off key: one per pod and container (`GetStableKey`). */
export const backoffKey = (uid: string, name: string) => `${uid}_${name}`

/**
 * @param lastExitAt when the container's latest instance exited, as the sync's snapshot saw it
 *   (undefined: it never ran, so there is no back-off).
 */
export function startContainer(w: StartOps, c: Container, lastExitAt: number | undefined, done: (ok: boolean) => void): void {
  const { ctx, containerBackoff } = w.host
  const now = ctx.clock.now()
  if (lastExitAt !== undefined) {
    const key = backoffKey(w.uid, c.name)
    if (containerBackoff.isInBackOffSince(key, lastExitAt, now)) {
      const d = goDuration(containerBackoff.get(key))
      w.reasons.set(c.name, { reason: 'CrashLoopBackOff', message: `back-off ${d} restarting failed container=${c.name} pod=${formatPod(w.pod())}` })
      w.event('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(w.pod())}`)
      w.log('BackOff', c.name, `back-off ${d}`)
      w.retryAt(lastExitAt + containerBackoff.get(key))
      return done(false)
    }
    containerBackoff.next(key, now, lastExitAt)
  }
  ensureImage(w, c, (facts) => {
    if (!facts) return done(false)
    createAndStart(w, c, facts, done)
  })
}

/**
 * `EnsureImageExists` (`pkg/kubelet/images/image_manager.go`): use a present image, pull, or
 * refuse while backing off. `then(undefined)` when the image is not there.
 */
function ensureImage(w: StartOps, c: Container, then: (facts: ImageFacts | undefined) => void): void {
  const { runtime, ctx, imageBackoff } = w.host
  const policy = c.imagePullPolicy ?? (imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent')
  const present = runtime.hasImage(c.image)
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (present) {
      w.event('Normal', 'Pulled', `Container image "${c.image}" already present on machine`)
      w.log('ImagePresent', c.name, c.image)
      return then(imageFacts(c.image))
    }
    const msg = `Container image "${c.image}" is not present with pull policy of Never`
    w.event('Warning', 'ErrImageNeverPull', msg)
    failStart(w, c, 'ErrImageNeverPull', msg)
    return then(undefined)
  }
  const key = `${w.uid}_${c.image}`
  if (imageBackoff.isInBackOffSinceUpdate(key, ctx.clock.now())) {
    const msg = `Back-off pulling image "${c.image}"`
    w.event('Normal', 'BackOff', msg)
    w.log('ImagePullBackOff', c.name, goDuration(imageBackoff.get(key)))
    failStart(w, c, 'ImagePullBackOff', msg)
    return then(undefined)
  }
  w.event('Normal', 'Pulling', `Pulling image "${c.image}"`)
  w.log('Pulling', c.name, c.image)
  w.pull(c.image, (r) => {
    if (r.ok) {
      w.event('Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${goDuration(r.pullMs)} (${goDuration(r.totalMs)} including waiting). Image size: ${r.facts.sizeBytes} bytes.`)
      w.log('Pulled', c.name, `${goDuration(r.pullMs)}, ${r.facts.sizeBytes} bytes`)
      return then(r.facts)
    }
    w.event('Warning', 'Failed', `Failed to pull image "${c.image}": ${r.error}`)
    imageBackoff.next(key, ctx.clock.now())
    w.log('PullFailed', c.name, r.error)
    failStart(w, c, 'ErrImagePull', r.error)
    w.writeStatus()
    then(undefined)
  })
}

/** `startContainer` failed before creating anything: the reason shows as the container's waiting state. */
function failStart(w: StartOps, c: Container, reason: string, message: string | undefined): void {
  w.reasons.set(c.name, message ? { reason, message } : { reason })
  w.event('Warning', 'Failed', `Error: ${reason}`)
}

function createAndStart(w: StartOps, c: Container, facts: ImageFacts, done: (ok: boolean) => void): void {
  const { runtime, timings, ctx } = w.host
  w.step('create', stageDelay(timings.create, ctx.rng), () => {
    const r = runtime.createContainer(w.uid, c, facts)
    const pod = w.pod()
    const kind = (pod.spec.initContainers ?? []).some((x) => x.name === c.name) ? (c.restartPolicy === 'Always' ? 'sidecar' : 'init container') : undefined
    const detail = [kind, r.restartCount ? `restart ${r.restartCount}` : undefined].filter(Boolean).join(', ') || undefined
    w.event('Normal', 'Created', `Created container: ${c.name}`)
    w.log('Created', c.name, detail)
    w.step('start', stageDelay(timings.start, ctx.rng), () => {
      runtime.startContainer(w.uid, c.name, containerVars(w.pod(), c, runtime.pod(w.uid)?.sandbox?.ip ?? '', w.host.nodeName))
      w.event('Normal', 'Started', `Started container ${c.name}`)
      w.log('Started', c.name, detail)
      postStart(w, c, done)
    })
  })
}

function postStart(w: StartOps, c: Container, done: (ok: boolean) => void): void {
  const hook = c.lifecycle?.postStart as LifecycleHandler | undefined
  const target = w.target()
  if (!hook || !target) {
    w.reasons.delete(c.name)
    return done(true)
  }
  const res = runHook(hook, c, w.pod(), target)
  w.frozen.add(c.name)
  w.log('PostStartHook', c.name, res.ms === Infinity ? 'never returns' : `${res.ms / 1000}s`)
  // A hook that never returns (ms = Infinity) blocks the pod's sync until the pod is deleted.
  w.step('postStart', res.ms, () => {
    w.frozen.delete(c.name)
    if (res.ok) {
      w.log('PostStartHookDone', c.name)
      w.reasons.delete(c.name)
      return done(true)
    }
    w.event('Warning', 'FailedPostStartHook', 'PostStartHook failed')
    w.log('PostStartHookFailed', c.name, res.message)
    w.kill(c, 'FailedPostStartHook', 'FailedPostStartHook', () => {
      w.reasons.set(c.name, { reason: 'PostStartHookError', message: res.message })
      done(false)
    })
  })
}

/** The container's environment: `env` (values and the usual `fieldRef`s) and what the runtime sets. */
export function containerVars(pod: Pod, c: Container, podIP: string, nodeName: string): Map<string, string> {
  const vars = new Map<string, string>([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOSTNAME', pod.metadata.name ?? ''],
    ['HOME', '/root'],
  ])
  const fields: Record<string, string> = {
    'metadata.name': pod.metadata.name ?? '',
    'metadata.namespace': pod.metadata.namespace ?? '',
    'metadata.uid': pod.metadata.uid ?? '',
    'spec.nodeName': nodeName,
    'spec.serviceAccountName': pod.spec.serviceAccountName ?? 'default',
    'status.podIP': podIP,
  }
  for (const e of (c.env ?? []) as { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[]) {
    const ref = e.valueFrom?.fieldRef?.fieldPath
    vars.set(e.name, e.value ?? (ref ? (fields[ref] ?? '') : ''))
  }
  return vars
}
