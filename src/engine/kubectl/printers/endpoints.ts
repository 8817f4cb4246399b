import type { KObject } from '../../api/types'
import { AGE, NAME, registerTable } from './table'

/**
 * `kubectl get endpoints` (`printEndpoints` → `formatEndpoints`, kubectl
 * `pkg/printers/internalversion/printers.go`): the ready addresses as `ip:port`, at most
 * three, then ` + N more...`; `<none>` when there are no subsets at all. Not-ready addresses
 * are not shown, so an Endpoints object whose pods are all unready prints an empty cell.
 *
 * @example
 *   formatEndpoints({ subsets: [{ addresses: [{ ip: '10.244.1.2' }], ports: [{ port: 80 }] }] })  // '10.244.1.2:80'
 */

const MAX_SHOWN = 3

interface Subset {
  addresses?: { ip: string }[]
  ports?: { name?: string; port: number }[]
}

/** Go's `net.JoinHostPort`: IPv6 addresses in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}

/** `formatEndpoints(endpoints, ports)`: `ports` undefined means every port (kubectl passes nil for the table). */
export function formatEndpoints(ep: KObject, ports?: Set<string>): string {
  const subsets: Subset[] = ep.subsets ?? []
  if (subsets.length === 0) return '<none>'
  const list: string[] = []
  let more = false
  let count = 0
  for (const ss of subsets) {
    const addresses = ss.addresses ?? []
    if (!ss.ports?.length) {
      // Headless Services may have endpoints without ports.
      count += addresses.length
      for (const a of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true
          break
        }
        list.push(a.ip)
      }
      continue
    }
    for (const port of ss.ports) {
      if (ports && !ports.has(port.name ?? '')) continue
      count += addresses.length
      for (const a of addresses) {
        if (list.length === MAX_SHOWN) {
          more = true
          break
        }
        list.push(joinHostPort(a.ip, port.port))
      }
    }
  }
  const ret = list.join(',')
  return more ? `${ret} + ${count - MAX_SHOWN} more...` : ret
}

registerTable({
  kind: 'Endpoints',
  columns: [NAME, { name: 'Endpoints' }, AGE],
  row: (ep, p) => [ep.metadata.name ?? '', formatEndpoints(ep), p.age(ep.metadata.creationTimestamp)],
})
