import type { KindDef } from './kind'

/** core/v1 Namespace: labelled with its own name, `Active` until deleted (REFERENCE 1.4, 2.4). */
export const namespaceKind: KindDef = {
  kind: 'Namespace',
  apiVersion: 'v1',
  group: '',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  hasStatus: true,
  default(obj) {
    const name = obj.metadata.name
    if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name }
    obj.spec = { finalizers: ['kubernetes'], ...(obj.spec ?? {}) }
    obj.status = { phase: 'Active', ...(obj.status ?? {}) }
  },
}
