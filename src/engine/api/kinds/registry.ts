import { Registry } from '../../apiserver/registry'
import { namespaceKind } from './namespace'
import { nodeKind } from './node'
import { podKind } from './pod'
import { replicaSetKind } from './replicaset'
import { eventKind } from './event'
import { replicationControllerKind } from './replicationcontroller'

/** Every kind the playground serves. Adding a kind: write its KindDef, add it here. */
export function defaultRegistry(): Registry {
  const r = new Registry()
  for (const def of [namespaceKind, nodeKind, podKind, replicaSetKind, replicationControllerKind, eventKind]) r.register(def)
  return r
}
