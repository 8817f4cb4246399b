import type { KindDef } from './kind'
import { required } from '../field-errors'

/** core/v1 Event: what `kubectl describe` lists and `kubectl get events` prints. */
export const eventKind: KindDef = {
  kind: 'Event',
  apiVersion: 'v1',
  group: '',
  resource: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  hasStatus: false,
  validate(obj) {
    const errs = []
    if (!obj.involvedObject) errs.push(required('involvedObject', ''))
    if (!obj.reason) errs.push(required('reason', ''))
    return errs
  },
}
