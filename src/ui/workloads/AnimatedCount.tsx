import { memo } from 'react'
import { m } from 'framer-motion'

const FROM = { scale: 1.45, opacity: 0.4 }
const TO = { scale: 1, opacity: 1 }
const TRANSITION = { duration: 0.35, ease: 'easeOut' } as const

/**
 * A number that pops when it changes, so a rollout's counts visibly tick (old ReplicaSet
 * 6 → 5 → 3, new 0 → 1 → 3). Keyed by value: each new value mounts and animates in.
 */
export const AnimatedCount = memo(function AnimatedCount({ value, className, testid, title }: { value: string | number; className?: string; testid?: string; title?: string }) {
  return (
    <span className={className} data-testid={testid} title={title}>
      <m.span key={String(value)} className="count-value" initial={FROM} animate={TO} transition={TRANSITION}>
        {value}
      </m.span>
    </span>
  )
})

/** A thin bar for ready/desired that grows and shrinks smoothly. */
export const CountBar = memo(function CountBar({ value, max, tone }: { value: number; max: number; tone: 'ok' | 'warn' | 'idle' }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0
  return (
    <div className={`count-bar ${tone}`} aria-hidden="true">
      <m.div className="count-bar-fill" initial={false} animate={{ width: `${pct}%` }} transition={TRANSITION} />
    </div>
  )
})
