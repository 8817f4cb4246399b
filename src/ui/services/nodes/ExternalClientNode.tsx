import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import { Handles } from '../../graph/nodes/Handles'
import type { ExternalRFNode } from '../graph'
import { SvcIcon } from '../icons'

/** The host outside the cluster (a laptop on the internet) that sends requests in. */
export const ExternalClientNode = memo(function ExternalClientNode(_props: NodeProps<ExternalRFNode>) {
  const t = useT()
  // Its address is the engine's; the UI learns it from the first request it sends.
  const ip = useStore((s) => (s.trace?.source.from === 'external' ? s.trace.hops[0]?.packet.src.ip : undefined))
  const active = useStore((s) => s.trafficForm.source.from === 'external')
  return (
    <div className={`ext-box${active ? ' active' : ''}`} data-testid="external-client">
      <Handles sides={['left', 'bottom']} />
      <div className="ext-head">
        <SvcIcon name="laptop" size={18} />
        <span className="ext-title">{t('svc.external.title')}</span>
      </div>
      <div className="ext-sub">{t('svc.external.sub')}</div>
      {ip ? <div className="ext-ip mono">{ip}</div> : null}
    </div>
  )
})
