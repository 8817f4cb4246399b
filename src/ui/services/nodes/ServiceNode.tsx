import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import { Handles, OneHandle } from '../../graph/nodes/Handles'
import type { ServiceRFNode } from '../graph'
import { portText, selectorText } from '../model'
import { SvcIcon } from '../icons'
import '../services.css'

/**
 * A Service: its type, ClusterIP, ports as kubectl prints them (`80:31234/TCP`), selector, and
 * how many of its endpoints are ready. Its edges go up to the endpoint pods; it is virtual —
 * packets never pass through this box, only through the rules on the nodes.
 */
export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceRFNode>) {
  const t = useT()
  const svc = useStore((s) => s.objects[data.uid])
  const selected = useStore((s) => s.selection === data.uid)
  if (!svc) return null
  const name = svc.metadata.name as string
  const ns = svc.metadata.namespace as string
  const spec = svc.spec ?? {}
  const type: string = spec.type ?? 'ClusterIP'
  const ports = ((spec.ports ?? []) as { port: number; nodePort?: number; protocol?: string }[]).map(portText)
  const selector = selectorText(spec.selector)
  const headless = spec.clusterIP === 'None'
  return (
    <div className={`svc-box svc-type-${type}${selected ? ' selected' : ''}`} data-testid={`svc.${name}`} data-type={type} title={`${ns}/${name}`}>
      <OneHandle id="out" type="source" side="top" />
      <Handles sides={['right']} />
      <div className="svc-head">
        <SvcIcon name="service" size={14} />
        <span className="svc-kind">Service</span>
        <span className="svc-type">{type}</span>
        {ns !== 'default' ? <span className="svc-ns">{ns}</span> : null}
      </div>
      <div className="svc-name mono">{name}</div>
      <div className="svc-row mono">
        <span className="svc-ip" data-testid={`svc.${name}.clusterIP`}>
          {headless ? t('svc.node.headless') : (spec.clusterIP ?? '—')}
        </span>
        <span className="svc-ports" data-testid={`svc.${name}.ports`}>
          {ports.join(',') || '—'}
        </span>
      </div>
      <div className="svc-row">
        <span className="svc-selector mono">{selector || t('svc.node.noSelector')}</span>
        {selector ? (
          <span className={`svc-eps${data.total && data.ready === data.total ? ' ok' : data.total ? ' partial' : ' none'}`} data-testid={`svc.${name}.endpoints`}>
            {t('svc.node.endpoints', { ready: data.ready, total: data.total })}
          </span>
        ) : null}
      </div>
    </div>
  )
})
