/**
 * A glow on a box each time the component it stands for acts — driven by a transient store
 * subscription and the Web Animations API (framer-motion's mini animator), so a busy control
 * plane never re-renders React just to flash. A component that keeps acting keeps glowing.
 */
import { useEffect } from 'react'
import { useAnimateMini } from 'framer-motion'
import { useStore } from '../store'

/** Attach the returned ref to an overlay element; it flashes when `activity[actor].n` grows. */
export function usePulse<T extends HTMLElement>(actor: string) {
  const [scope, animate] = useAnimateMini<T>()
  useEffect(
    () =>
      useStore.subscribe((s, prev) => {
        const n = s.activity[actor]?.n
        if (n === undefined || n === prev.activity[actor]?.n || !scope.current) return
        // Opacity only (no movement), so it is fine under prefers-reduced-motion too.
        animate(scope.current, { opacity: [1, 0] }, { duration: 0.7, ease: 'easeOut' })
      }),
    [actor, animate, scope],
  )
  return scope
}
