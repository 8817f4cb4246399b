import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useStore } from '../store'
import { useT } from '../i18n'
import type { RevisionRFNode } from '../graph/derive'
import { OneHandle } from '../graph/nodes/Handles'
import { AnimatedCount, CountBar } from './AnimatedCount'
import { revisionOf, templateHash, templateImages } from './model'

/**
 * One ReplicaSet of a Deployment: `rev N · <pod-template-hash>`, its image, ready/desired with
 * a bar, and whether it is the Deployment's current (new) ReplicaSet or an old one. During a
 * rollout the old one's count runs down while the new one's runs up.
 */
export const RevisionNode = memo(function RevisionNode({ data }: NodeProps<RevisionRFNode>) {
  const t = useT()
  const rs = useStore((s) => s.objects[data.uid])
  const parentRev = useStore((s) => revisionOf(s.objects[data.parent]))
  const selected = useStore((s) => s.selection === data.uid)
  if (!rs) return null
  const name = rs.metadata.name as string
  const rev = revisionOf(rs)
  const hash = templateHash(rs)
  const desired: number = rs.spec?.replicas ?? 1
  const ready: number = rs.status?.readyReplicas ?? 0
  const current = rev !== undefined && rev === parentRev
  const images = templateImages(rs)
    .map((c) => c.image)
    .join(', ')
  const idle = !current && desired === 0 && (rs.status?.replicas ?? 0) === 0
  return (
    <div
      className={`workload revision${current ? ' current' : ''}${idle ? ' idle' : ''}${selected ? ' selected' : ''}`}
      data-testid={`rs.${name}`}
      data-revision={rev ?? ''}
      data-current={current ? 'true' : 'false'}
      title={`ReplicaSet ${rs.metadata.namespace}/${name}`}
    >
      <Handle className="handle" type="target" id="tree" position={Position.Left} isConnectable={false} />
      <OneHandle id="out" type="source" side="bottom" />
      <div className="revision-head">
        <span className="revision-rev" data-testid={`rs.${name}.rev`}>
          {rev !== undefined ? `rev ${rev}` : 'rev ?'}
        </span>
        {hash ? <span className="revision-hash mono" title={`pod-template-hash=${hash}`}>{hash}</span> : null}
        <span className={`revision-tag${current ? ' current' : ''}`}>{current ? t('wl.current') : t('wl.old')}</span>
      </div>
      <div className="workload-row revision-row">
        <span className="revision-image mono" title={images}>
          {images}
        </span>
        <AnimatedCount className={`workload-count small${ready === desired ? ' done' : ''}`} value={`${ready}/${desired}`} testid={`rs.${name}.count`} title={t('rs.count')} />
      </div>
      <CountBar value={ready} max={Math.max(desired, ready)} tone={idle ? 'idle' : ready === desired ? 'ok' : 'warn'} />
    </div>
  )
})
