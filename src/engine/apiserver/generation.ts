import type { KObject } from '../api/types'

/**
 * `metadata.generation` increments on spec changes only (REFERENCE 2.2): anything but
 * metadata and status counts as spec (ConfigMaps' `data`, too).
 */
export function specChanged(next: KObject, old: KObject): boolean {
  const body = (o: KObject) => {
    const rest: Record<string, unknown> = { ...o }
    delete rest.metadata
    delete rest.status
    delete rest.apiVersion
    delete rest.kind
    return JSON.stringify(rest)
  }
  return body(next) !== body(old)
}
