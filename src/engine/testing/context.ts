import { Clock } from '../clock'
import { Rng } from '../rng'
import { Etcd } from '../store/etcd'
import { ApiServer } from '../apiserver/apiserver'
import { UidSource } from '../apiserver/uid'
import { defaultRegistry } from '../api/kinds/registry'
import { RecordLog } from '../records'
import { EventRecorder } from '../runtime/events'
import type { EngineContext } from '../context'

/**
 * A bare control plane for unit tests: clock, RNG, etcd, API server with every kind, and
 * the default namespaces — no scheduler, kubelets or controllers, so a test starts exactly
 * the components it is about.
 */
export function testContext(seed = 1): EngineContext & { etcd: Etcd } {
  const clock = new Clock()
  const rng = new Rng(seed)
  const etcd = new Etcd()
  const records = new RecordLog(() => clock.now())
  const api = new ApiServer(etcd, clock, rng, defaultRegistry(), records, new UidSource())
  const events = new EventRecorder(api, clock)
  for (const name of ['default', 'kube-system'])
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { actor: 'test' })
  return { clock, rng, api, records, events, etcd }
}
