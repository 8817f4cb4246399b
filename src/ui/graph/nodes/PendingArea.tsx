import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useT } from '../../i18n'
import type { PendingRFNode } from '../derive'

/** Where pods wait without a node, until the scheduler binds them (or, if none fits, for good). */
export const PendingArea = memo(function PendingArea({ data }: NodeProps<PendingRFNode>) {
  const t = useT()
  return (
    <div className={`pending-area${data.count ? ' has-pods' : ''}`} data-testid="pending-area">
      <div className="pending-head">
        <span className="pending-title">{t('pending.title')}</span>
        {data.count ? <span className="pending-count">{data.count}</span> : null}
      </div>
      {data.count ? null : <div className="pending-hint">{t('pending.hint')}</div>}
    </div>
  )
})
