/**
 * Pieces of the packet's header as the UI shows it: where a hop happens in a few words, and an
 * address with its role named — which of the three IPs (Pod IP / ClusterIP / Node IP …) and
 * which of the three ports (port / nodePort / targetPort …) it is (REFERENCE 8.3).
 */
import type { TFunction } from '../i18n'
import type { Addr, Hop } from '../../protocol'

/** `node-1 · nat PREROUTING`, `default/web-1`, `node-1 → node-2`. */
export function whereText(h: Hop): string {
  const w = h.where
  if (w.kind === 'wire' || h.kind === 'loadbalancer') return `${w.from ?? '?'} → ${w.to ?? '?'}`
  if (w.kind === 'pod') return w.pod ?? ''
  if (w.kind === 'external') return 'external'
  return [w.node, w.table && w.hook ? `${w.table} ${w.hook}` : undefined].filter(Boolean).join(' · ')
}

/** `DNAT 10.96.0.12:80 → 10.244.2.7:8080` */
export function changeText(h: Hop): string {
  if (!h.change) return ''
  const a = h.change.field === 'src' ? h.change.from.src : h.change.from.dst
  const b = h.change.field === 'src' ? h.change.to.src : h.change.to.dst
  return `${h.change.kind} ${a.ip}:${a.port} → ${b.ip}:${b.port}`
}

export function AddrRow({ t, label, a, changed, testid }: { t: TFunction; label: string; a: Addr; changed: boolean; testid: string }) {
  return (
    <>
      <span className="hdr-label">{label}</span>
      <div>
        <span className={`hdr-addr${changed ? ' changed' : ''}`} data-testid={testid}>
          {a.ip}:{a.port}
        </span>
        <div className="hdr-roles">
          <span className={`role-tag role-${a.ipRole}`}>{t(`role.${a.ipRole}`)}</span>
          <span className={`role-tag role-${a.portRole}`}>{t(`port.${a.portRole}`)}</span>
        </div>
      </div>
    </>
  )
}
