import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { age } from '../model/time'

/** Events whose involvedObject is this uid, newest first, like the end of `kubectl describe`. */
export const EventsList = memo(function EventsList({ uid }: { uid: string }) {
  const t = useT()
  const clock = useStore((s) => Math.floor(s.clock / 1000) * 1000)
  const events = useStore(
    useShallow((s) => {
      const out: KObject[] = []
      for (let i = s.eventOrder.length - 1; i >= 0; i--) {
        const e = s.objects[s.eventOrder[i]]
        if (e?.involvedObject?.uid === uid) out.push(e)
      }
      return out
    }),
  )
  if (!events.length) return <p className="muted">{t('inspector.noEvents')}</p>
  return (
    <ul className="events" data-testid="inspector.events">
      {events.map((e) => (
        <li key={e.metadata.uid} className={`event ${e.type === 'Warning' ? 'warning' : 'normal'}`}>
          <div className="event-head">
            <span className="event-reason">{e.reason}</span>
            <span className="muted">
              {age(e.lastTimestamp, clock)}
              {e.count > 1 ? ` (x${e.count})` : ''} · {e.source?.component}
            </span>
          </div>
          <div className="event-msg">{e.message}</div>
        </li>
      ))}
    </ul>
  )
})
