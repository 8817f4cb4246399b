import { memo } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { describeRecord } from '../model/activity'
import { formatClock } from '../model/time'

/**
 * Every API request the control plane made (newest first): who asked, what, and the answer —
 * the conversation behind each change on the canvas. Scheduling decisions and controller
 * actions appear in line.
 */
export const ApiLog = memo(function ApiLog() {
  const t = useT()
  const records = useStore((s) => s.records)
  const dropped = useStore((s) => s.droppedRecords)
  if (!records.length) return <p className="muted pad">{t('log.empty')}</p>
  const rows = records.slice(-150).reverse()
  return (
    <div className="log-scroll">
      {dropped ? <div className="muted small pad">{t('log.dropped', { n: dropped })}</div> : null}
      <table className="table log-table" data-testid="log.table">
        <thead>
          <tr>
            <th>{t('log.time')}</th>
            <th>{t('log.who')}</th>
            <th>{t('log.request')}</th>
            <th>{t('log.code')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} className={`rec-${r.type}${r.type === 'api' && r.code >= 400 ? ' warning' : ''}`}>
              <td className="mono">{formatClock(r.time)}</td>
              <td className="mono">{r.type === 'api' ? r.actor : r.type === 'controller' ? r.controller : r.type === 'schedule' ? 'kube-scheduler' : r.watcher}</td>
              <td className="mono">{describeRecord(r, false)}</td>
              <td className="mono">{r.type === 'api' ? r.code : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
