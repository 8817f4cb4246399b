/**
 * The kubectl lines behind the Workloads buttons. Every control runs one of these through the
 * worker, so a person sees — and can type — exactly what the click did.
 *
 * @example
 *   setImageCommand({ kind: 'Deployment', name: 'web', namespace: 'default' }, 'nginx', 'nginx:1.27')
 *   // -> 'kubectl set image deployment/web nginx=nginx:1.27'
 */
export interface Target {
  kind: string
  name: string
  namespace?: string
}

/** kubectl's singular resource names (`kubectl api-resources`). */
const RESOURCE: Record<string, string> = {
  Deployment: 'deployment',
  ReplicaSet: 'replicaset',
  ReplicationController: 'replicationcontroller',
  StatefulSet: 'statefulset',
}

const ref = (t: Target) => `${RESOURCE[t.kind] ?? t.kind.toLowerCase()}/${t.name}`
const ns = (t: Target) => (t.namespace && t.namespace !== 'default' ? ` -n ${t.namespace}` : '')
/** Quote a word for the shell only when it needs it. */
const word = (s: string) => (/^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`)

export function scaleCommand(t: Target, replicas: number): string {
  return `kubectl scale ${ref(t)} --replicas=${replicas}${ns(t)}`
}

export function setImageCommand(t: Target, container: string, image: string): string {
  return `kubectl set image ${ref(t)} ${word(`${container}=${image}`)}${ns(t)}`
}

/** `rollout undo`, to the previous revision or to `revision`. */
export function undoCommand(t: Target, revision?: number): string {
  return `kubectl rollout undo ${ref(t)}${revision !== undefined ? ` --to-revision=${revision}` : ''}${ns(t)}`
}

export function pauseCommand(t: Target, paused: boolean): string {
  return `kubectl rollout ${paused ? 'pause' : 'resume'} ${ref(t)}${ns(t)}`
}

export function restartCommand(t: Target): string {
  return `kubectl rollout restart ${ref(t)}${ns(t)}`
}

export function historyCommand(t: Target): string {
  return `kubectl rollout history ${ref(t)}${ns(t)}`
}

/**
 * Switch the update strategy with a strategic merge patch. Going to Recreate must also clear
 * `rollingUpdate` (validation: "may not be specified when strategy `type` is 'Recreate'"), so
 * the patch sets it to null; going back, the API server defaults maxSurge/maxUnavailable to 25%.
 */
export function strategyCommand(t: Target, type: 'RollingUpdate' | 'Recreate'): string {
  const strategy = type === 'Recreate' ? { type, rollingUpdate: null } : { type }
  return `kubectl patch ${ref(t)}${ns(t)} -p '${JSON.stringify({ spec: { strategy } })}'`
}
