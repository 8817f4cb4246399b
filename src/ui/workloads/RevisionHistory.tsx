import { memo, useEffect, useMemo, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { runFromClick } from '../actions'
import { ObjectLink } from '../inspector/parts'
import { historyCommand, undoCommand } from './commands'
import { revisionsOf } from './model'
import { targetOf } from './Controls'
import { onFocusRequest, takeFocus } from './focus'

/**
 * `kubectl rollout history`, read from the mirror: each ReplicaSet of the Deployment with its
 * revision (and the older revisions it served, `revision-history`), pod-template-hash and
 * images; "roll back" on each old one runs `kubectl rollout undo --to-revision=N`.
 */
export const RevisionHistory = memo(function RevisionHistory({ d }: { d: KObject }) {
  const t = useT()
  const uid = d.metadata.uid as string
  const children = useStore(useShallow((s) => s.layout.children?.[uid] ?? []))
  const objects = useStore(useShallow((s) => Object.fromEntries(children.filter((c): c is string => !!c).map((c) => [c, s.objects[c]]))))
  const revs = useMemo(() => revisionsOf(d, objects, children), [d, objects, children])
  const box = useRef<HTMLDivElement>(null)
  const target = targetOf(d)
  useEffect(() => {
    const take = () => {
      if (takeFocus(uid, 'history')) box.current?.scrollIntoView({ block: 'nearest' })
    }
    take()
    return onFocusRequest(take)
  }, [uid])
  const rollBack = async (revision: number) => {
    const r = await runFromClick(undoCommand(target, revision))
    // Back to the readout at the top, where the rollback shows.
    if (r.code === 0) box.current?.closest('.inspector-body')?.scrollTo({ top: 0, behavior: 'smooth' })
  }
  if (!revs.length) return <p className="muted">{t('wl.noRevisions')}</p>
  return (
    <div ref={box} data-testid="history">
      <ul className="history">
        {revs.map((r) => (
          <li key={r.uid} className={`history-item${r.current ? ' current' : ''}`} data-testid={`history.rev.${r.revision ?? '?'}`}>
            <div className="history-head">
              <span className="revision-rev">rev {r.revision ?? '?'}</span>
              {r.history.length ? <span className="muted small">{t('wl.wasRevisions', { list: r.history.join(', ') })}</span> : null}
              <span className="spacer" />
              <span className="mono small">
                {r.ready}/{r.desired}
              </span>
              {r.current ? (
                <span className="revision-tag current">{t('wl.current')}</span>
              ) : r.revision !== undefined ? (
                <button className="btn btn-small" data-testid={`history.undo.${r.revision}`} title={undoCommand(target, r.revision)} onClick={() => void rollBack(r.revision as number)}>
                  <Icon name="undo" size={14} />
                  {t('wl.rollBack')}
                </button>
              ) : null}
            </div>
            <div className="history-body">
              {r.images.map((c) => (
                <code key={c.name} className="mono small">
                  {c.name}={c.image}
                </code>
              ))}
            </div>
            <div className="muted small">
              <ObjectLink uid={r.uid}>{r.name}</ObjectLink>
              {r.hash ? <span className="mono"> · pod-template-hash={r.hash}</span> : null}
            </div>
            {r.changeCause ? <div className="muted small">{r.changeCause}</div> : null}
          </li>
        ))}
      </ul>
      <button className="link small" data-testid="history.console" onClick={() => void runFromClick(historyCommand(target))}>
        $ {historyCommand(target)}
      </button>
    </div>
  )
})
