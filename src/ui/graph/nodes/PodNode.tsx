import { memo, useMemo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { m } from 'framer-motion'
import { useStore } from '../../store'
import { podView } from '../../model/pod-status'
import type { PodRFNode } from '../derive'
import { OneHandle } from './Handles'
import { HitBadge } from '../../traffic/HitBadge'

const SHOWN = { opacity: 1, scale: 1 }
const HIDDEN = { opacity: 0, scale: 0.6 }
const TRANSITION = { duration: 0.35, ease: 'easeOut' } as const

/**
 * A pod, coloured by what kubectl would call its STATUS (legend in Legend.tsx). It grows in
 * when created and shrinks away when deleted: deleted pods stay in the store's `leaving` map
 * until this exit animation ends.
 */
export const PodNode = memo(function PodNode({ data }: NodeProps<PodRFNode>) {
  const live = useStore((s) => s.objects[data.uid])
  const gone = useStore((s) => s.leaving[data.uid]?.obj)
  const selected = useStore((s) => s.selection === data.uid)
  const pod = live ?? gone
  const view = useMemo(() => (pod ? podView(pod) : undefined), [pod])
  if (!pod || !view) return null
  const name = pod.metadata.name as string
  const leaving = !live
  return (
    <m.div
      className={`pod tone-${view.tone}${selected ? ' selected' : ''}`}
      data-testid={`pod.${name}`}
      data-phase={view.phase}
      data-status={view.status}
      data-node={view.nodeName ?? ''}
      data-leaving={leaving ? 'true' : undefined}
      title={`${pod.metadata.namespace}/${name} · ${view.status} · ${view.ready}`}
      initial={HIDDEN}
      animate={leaving ? HIDDEN : SHOWN}
      transition={TRANSITION}
      onAnimationComplete={() => {
        if (leaving) useStore.getState().forget(data.uid)
      }}
    >
      <OneHandle id="in" type="target" side="top" />
      {/* Services below the nodes point at their endpoint pods from underneath (src/ui/services). */}
      <OneHandle id="svc" type="target" side="bottom" />
      <HitBadge podKey={`${pod.metadata.namespace}/${name}`} />
      <div className="pod-name">{name}</div>
      <div className="pod-status">
        <span>{view.status}</span>
        {view.phase === 'Running' ? <span className="pod-ready">{view.ready}</span> : null}
        {view.restarts ? <span className="pod-restarts">↻{view.restarts}</span> : null}
      </div>
    </m.div>
  )
})
