/**
 * UI actions as the kubectl commands a person would type. A click never takes a private path
 * into the engine: it runs the same `kubectl` line, and the UI shows that line ("the command
 * behind the click"), so what people learn by clicking they can type.
 */
import type { ScaleRequest } from '../protocol'

/** kubectl's resource name for each scalable kind (`kubectl api-resources`, SINGULAR column). */
const RESOURCE: Record<ScaleRequest['kind'], string> = {
  ReplicaSet: 'replicaset',
  ReplicationController: 'replicationcontroller',
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
}

/**
 * `kubectl scale replicaset/web --replicas=4` (plus `-n <ns>` outside `default`).
 *
 * @example scaleCommand({ kind: 'ReplicaSet', name: 'web', namespace: 'default', replicas: 4 })
 *          // -> 'scale replicaset/web --replicas=4'
 */
export function scaleCommand(r: Pick<ScaleRequest, 'kind' | 'name' | 'namespace' | 'replicas'>): string {
  const ns = r.namespace && r.namespace !== 'default' ? ` -n ${r.namespace}` : ''
  return `scale ${RESOURCE[r.kind]}/${r.name} --replicas=${r.replicas}${ns}`
}

/** The engine's `kubectl()` takes arguments only; people type `kubectl get pods`. */
export function stripKubectl(line: string): string {
  return line.trim().replace(/^kubectl(\s+|$)/, '')
}

/** The full line shown to the person: always starting with `kubectl`. */
export function displayCommand(args: string): string {
  return args ? `kubectl ${args}` : 'kubectl'
}
