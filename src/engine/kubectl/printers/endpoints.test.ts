import { describe, expect, it } from 'vitest'
import type { KObject } from '../../api/types'
import { formatEndpoints } from './endpoints'
import { formatDiscoveryEndpoints, formatDiscoveryPorts } from './endpointslice'

const ep = (subsets: unknown[] | undefined): KObject => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets } as KObject)
const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }))

describe('formatEndpoints (kubectl get endpoints)', () => {
  it.each<[string, unknown[] | undefined, string]>([
    ['no subsets', undefined, '<none>'],
    ['one ready address', [{ addresses: addrs('10.244.1.2'), ports: [{ port: 80 }] }], '10.244.1.2:80'],
    ['three', [{ addresses: addrs('10.244.1.2', '10.244.2.3', '10.244.3.4'), ports: [{ port: 80 }] }], '10.244.1.2:80,10.244.2.3:80,10.244.3.4:80'],
    ['four: + 1 more...', [{ addresses: addrs('10.244.1.2', '10.244.2.3', '10.244.3.4', '10.244.3.5'), ports: [{ port: 80 }] }], '10.244.1.2:80,10.244.2.3:80,10.244.3.4:80 + 1 more...'],
    ['two ports count each address twice', [{ addresses: addrs('10.244.1.2', '10.244.2.3'), ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }], '10.244.1.2:80,10.244.2.3:80,10.244.1.2:443 + 1 more...'],
    ['only not-ready addresses: an empty cell', [{ notReadyAddresses: addrs('10.244.1.2'), ports: [{ port: 80 }] }], ''],
    ['headless without ports: bare IPs', [{ addresses: addrs('10.244.1.2', '10.244.2.3') }], '10.244.1.2,10.244.2.3'],
    ['IPv6 in brackets', [{ addresses: addrs('fd00::5'), ports: [{ port: 80 }] }], '[fd00::5]:80'],
  ])('%s', (_n, subsets, want) => expect(formatEndpoints(ep(subsets))).toBe(want))

  it('filters by port name when asked (describe of v1.31)', () => {
    expect(formatEndpoints(ep([{ addresses: addrs('10.244.1.2'), ports: [{ name: 'a', port: 80 }, { name: 'b', port: 443 }] }]), new Set(['b']))).toBe('10.244.1.2:443')
  })
})

describe('formatDiscoveryPorts / formatDiscoveryEndpoints (kubectl get endpointslices)', () => {
  it.each<[string, unknown, string]>([
    ['null: <unset>', null, '<unset>'],
    ['kube-dns', [{ name: 'dns', port: 53 }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }], '53,53,9153'],
    ['a port without a number shows its name', [{ name: 'http' }], 'http'],
    ['neither: *', [{}], '*'],
    ['four ports', [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }], '1,2,3 + 1 more...'],
  ])('ports %s', (_n, ports, want) => expect(formatDiscoveryPorts(ports as never)).toBe(want))

  it.each<[string, unknown, string]>([
    ['none: <unset>', [], '<unset>'],
    ['every address, ready or not', [{ addresses: ['10.244.1.2'], conditions: { ready: false } }, { addresses: ['10.244.2.3'] }], '10.244.1.2,10.244.2.3'],
    ['five', [1, 2, 3, 4, 5].map((i) => ({ addresses: [`10.244.${i}.2`] })), '10.244.1.2,10.244.2.2,10.244.3.2 + 2 more...'],
  ])('endpoints %s', (_n, eps, want) => expect(formatDiscoveryEndpoints(eps as never)).toBe(want))
})
