import { memo, useEffect } from 'react'
import { useAnimateMini } from 'framer-motion'
import { useStore } from '../store'
import { useT } from '../i18n'

/**
 * How many traced requests this pod answered (since the counters were reset): the number that
 * makes load balancing visible — it bumps each time the pod serves one.
 */
export const HitBadge = memo(function HitBadge({ podKey }: { podKey: string }) {
  const t = useT()
  const n = useStore((s) => s.hits.hits[podKey])
  const [scope, animate] = useAnimateMini<HTMLSpanElement>()
  useEffect(() => {
    if (n && scope.current) animate(scope.current, { transform: ['scale(1.6)', 'scale(1)'] }, { duration: 0.35, ease: 'easeOut' })
  }, [n, animate, scope])
  if (!n) return null
  return (
    <span ref={scope} className="pod-hits" data-testid={`hits.${podKey}`} title={t('svc.insp.hits')}>
      {n}
    </span>
  )
})
