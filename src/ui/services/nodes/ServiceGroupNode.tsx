import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useT } from '../../i18n'
import type { ServiceGroupRFNode } from '../graph'
import { SvcIcon } from '../icons'

/** A namespace with too many Services to draw (the scale experiment): one box with the count. */
export const ServiceGroupNode = memo(function ServiceGroupNode({ data }: NodeProps<ServiceGroupRFNode>) {
  const t = useT()
  return (
    <div className="svc-box svc-group" data-testid={`svcgroup.${data.namespace}`}>
      <div className="svc-head">
        <SvcIcon name="service" size={14} />
        <span className="svc-kind">Service × {data.count.toLocaleString('en')}</span>
      </div>
      <div className="svc-name">{t('svc.aggregate.title', { count: data.count.toLocaleString('en') })}</div>
      <div className="svc-row muted">{t('svc.aggregate.hint', { namespace: data.namespace })}</div>
    </div>
  )
})
