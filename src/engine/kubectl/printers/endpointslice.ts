import { AGE, NAME, registerTable } from './table'

/**
 * `kubectl get endpointslices` (`printEndpointSlice`, kubectl
 * `pkg/printers/internalversion/printers.go`): NAME, ADDRESSTYPE, PORTS (port numbers, or
 * the name of a port without a number, or `*`), ENDPOINTS (every address of every endpoint,
 * ready or not), AGE. Lists are cut after three with ` + N more...`; an empty list prints
 * `<unset>` — the placeholder slice of a Service without pods shows `<unset>` twice.
 *
 * @example
 *   formatDiscoveryPorts([{ name: 'dns', port: 53 }, { name: 'dns-tcp', port: 53 }])  // '53,53'
 */

const MAX_SHOWN = 3

/** `listWithMoreString`. */
function listWithMore(list: string[], more: boolean, count: number): string {
  const ret = list.join(',')
  if (more) return `${ret} + ${count - MAX_SHOWN} more...`
  return ret === '' ? '<unset>' : ret
}

/** `formatDiscoveryPorts`. */
export function formatDiscoveryPorts(ports: { name?: string | null; port?: number | null }[] | undefined | null): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const port of ports ?? []) {
    if (list.length < MAX_SHOWN) list.push(port.port != null ? String(port.port) : port.name != null ? port.name : '*')
    else if (list.length === MAX_SHOWN) more = true
    count++
  }
  return listWithMore(list, more, count)
}

/** `formatDiscoveryEndpoints`: every address, whatever the endpoint's conditions. */
export function formatDiscoveryEndpoints(endpoints: { addresses?: string[] }[] | undefined | null): string {
  const list: string[] = []
  let more = false
  let count = 0
  for (const ep of endpoints ?? [])
    for (const address of ep.addresses ?? []) {
      if (list.length < MAX_SHOWN) list.push(address)
      else if (list.length === MAX_SHOWN) more = true
      count++
    }
  return listWithMore(list, more, count)
}

registerTable({
  kind: 'EndpointSlice',
  columns: [NAME, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE],
  row: (s, p) => [s.metadata.name ?? '', s.addressType ?? '', formatDiscoveryPorts(s.ports), formatDiscoveryEndpoints(s.endpoints), p.age(s.metadata.creationTimestamp)],
})
