import type { KEvent, KObject } from '../../api/types'
import type { PrintContext } from '../printers/table'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, PrefixWriter } from './writer'

/**
 * `describeEndpoints` and `describeEndpointSliceV1` (kubectl `pkg/describe/describe.go`).
 * Endpoints: one block per subset — Addresses, NotReadyAddresses, a Ports table — each
 * followed by an empty line. EndpointSlice: AddressType, a Ports table (or `Ports: <unset>`),
 * then each endpoint's addresses, Ready condition, Hostname, TargetRef, NodeName and Zone.
 */
export function describeEndpoints(ep: KObject, events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${ep.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', ep.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations)
  w.write(0, 'Subsets:\n')
  type Subset = { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[]; ports?: { name?: string; port: number; protocol?: string }[] }
  for (const ss of (ep.subsets ?? []) as Subset[]) {
    w.write(1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
    w.write(1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`)
    if (ss.ports?.length) {
      w.write(1, 'Ports:\n')
      w.write(2, 'Name\tPort\tProtocol\n')
      w.write(2, '----\t----\t--------\n')
      for (const port of ss.ports) w.write(2, `${port.name || '<unset>'}\t${port.port}\t${port.protocol ?? ''}\n`)
    }
    w.write(0, '\n')
  }
  if (events) describeEvents(w, events, p)
  return w.toString()
}

interface SliceEndpoint {
  addresses?: string[]
  conditions?: { ready?: boolean | null }
  hostname?: string | null
  targetRef?: { kind?: string; name?: string }
  nodeName?: string | null
  zone?: string | null
}

export function describeEndpointSlice(eps: KObject, events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  w.write(0, `Name:\t${eps.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`)
  printLabelsMultiline(w, 'Labels', eps.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations)
  w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`)
  const ports: { name?: string | null; port?: number | null; protocol?: string }[] = eps.ports ?? []
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n')
  else {
    w.write(0, 'Ports:\n')
    w.write(1, 'Name\tPort\tProtocol\n')
    w.write(1, '----\t----\t--------\n')
    for (const port of ports) w.write(1, `${port.name || '<unset>'}\t${port.port != null ? port.port : '<unset>'}\t${port.protocol ?? ''}\n`)
  }
  const endpoints: SliceEndpoint[] = eps.endpoints ?? []
  if (endpoints.length === 0) w.write(0, 'Endpoints: <none>\n')
  else {
    w.write(0, 'Endpoints:\n')
    for (const e of endpoints) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`)
      w.write(2, 'Conditions:\n')
      w.write(3, `Ready:\t${e.conditions?.ready != null ? String(e.conditions.ready) : '<unset>'}\n`)
      w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`)
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`)
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`)
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`)
    }
  }
  if (events) describeEvents(w, events, p)
  return w.toString()
}
