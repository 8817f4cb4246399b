import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import { Handles } from '../../graph/nodes/Handles'
import type { LoadBalancerRFNode } from '../graph'
import { SvcIcon } from '../icons'

/**
 * The cloud load balancer of a LoadBalancer Service, outside the cluster: its address is the
 * Service's `status.loadBalancer.ingress` (kubectl's EXTERNAL-IP; `<pending>` until the cloud
 * controller sets it). It forwards to the Service's nodePort on the nodes.
 */
export const LoadBalancerNode = memo(function LoadBalancerNode({ data }: NodeProps<LoadBalancerRFNode>) {
  const t = useT()
  const svc = useStore((s) => s.objects[data.uid])
  if (!svc) return null
  const ips = ((svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map((i) => i.ip ?? i.hostname).filter(Boolean)
  const name = svc.metadata.name as string
  return (
    <div className="lb-box" data-testid={`lb.${name}`}>
      <Handles sides={['left', 'bottom']} />
      <div className="ext-head">
        <SvcIcon name="cloud" size={18} />
        <span className="ext-title">{t('svc.lb.title')}</span>
      </div>
      <div className="ext-ip mono" data-testid={`lb.${name}.ip`}>
        {ips.length ? ips.join(', ') : t('svc.lb.pending')}
      </div>
      <div className="ext-sub">{t('svc.lb.for', { name: `${svc.metadata.namespace}/${name}` })}</div>
    </div>
  )
})
