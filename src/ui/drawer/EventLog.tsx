import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { age } from '../model/time'

const SHOWN = 200

/** `kubectl get events`, newest first, live. A row selects the object it is about. */
export const EventLog = memo(function EventLog() {
  const t = useT()
  const clock = useStore((s) => Math.floor(s.clock / 1000) * 1000)
  const events = useStore(
    useShallow((s) => {
      const out: KObject[] = []
      for (let i = s.eventOrder.length - 1; i >= 0 && out.length < SHOWN; i--) {
        const e = s.objects[s.eventOrder[i]]
        if (e) out.push(e)
      }
      return out
    }),
  )
  if (!events.length) return <p className="muted pad">{t('events.empty')}</p>
  return (
    <div className="log-scroll">
      <table className="table log-table" data-testid="events.table">
        <thead>
          <tr>
            <th>{t('events.lastSeen')}</th>
            <th>{t('events.type')}</th>
            <th>{t('events.reason')}</th>
            <th>{t('events.object')}</th>
            <th>{t('events.message')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.metadata.uid} className={e.type === 'Warning' ? 'warning' : ''} onClick={() => e.involvedObject?.uid && useStore.getState().select(e.involvedObject.uid)}>
              <td className="mono">{age(e.lastTimestamp, clock)}</td>
              <td>{e.type}</td>
              <td>{e.reason}</td>
              <td className="mono">
                {String(e.involvedObject?.kind ?? '').toLowerCase()}/{e.involvedObject?.name}
              </td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
