import { Registry } from '../../apiserver/registry'
import { namespaceKind } from './namespace'
import { nodeKind } from './node'
import { podKind } from './pod'
import { replicaSetKind } from './replicaset'
import { eventKind } from './event'
import { replicationControllerKind } from './replicationcontroller'
import { deploymentKind } from './deployment'
import { newServiceKind } from './service'
import { endpointsKind } from './endpoints'
import { endpointSliceKind } from './endpointslice'

/** Every kind the playground serves. Adding a kind: write its KindDef, add it here. */
export function defaultRegistry(): Registry {
  const r = new Registry()
  // newServiceKind() carries this cluster's ClusterIP/NodePort allocators: one per registry.
  for (const def of [namespaceKind, nodeKind, podKind, replicaSetKind, replicationControllerKind, deploymentKind, eventKind, newServiceKind(), endpointsKind, endpointSliceKind])
    r.register(def)
  return r
}
