import { memo, useEffect, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { shellLabel, shellTitle } from './commands'
import { openShellFromClick } from './open'
import { placeMenu, type MenuPlace } from '../console/menu-position'

/**
 * The shell tabs in the drawer's tab strip (one per open node or pod shell, each closable)
 * and the "+ shell" menu that opens a node's shell — or one on `external`, a host outside the
 * cluster, to reach NodePorts and load balancers as a client would.
 */
export const ShellTabs = memo(function ShellTabs() {
  const t = useT()
  const shells = useStore((s) => s.shells)
  const tab = useStore((s) => s.drawerTab)
  const open = useStore((s) => s.drawerOpen)
  // The layout keeps worker nodes in name order, and keeps its identity when nodes do not change.
  const nodes = useStore(useShallow((s) => s.layout.nodes.map((n) => n.name)))
  const [menu, setMenu] = useState<MenuPlace | null>(null)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!menu) return
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setMenu(null)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [menu])
  const { setDrawerTab, closeShell } = useStore.getState()
  return (
    <>
      {shells.map((s) => {
        const active = open && tab === `shell:${s.id}`
        const title = shellTitle(s.target)
        return (
          <span key={s.id} className={`tab shell-tab${active ? ' active' : ''}`} role="tab" aria-selected={active}>
            <button className="shell-tab-open" data-testid={`drawer.tab.shell.${title}`} onClick={() => setDrawerTab(`shell:${s.id}`)} title={t('shell.tabTitle', { name: title })}>
              <span className="shell-tab-kind">{s.target.kind === 'node' ? '$' : '#'}</span> {shellLabel(s.target)}
            </button>
            <button className="shell-tab-close" data-testid={`drawer.tab.shell.${title}.close`} onClick={() => closeShell(s.id)} aria-label={t('shell.close', { name: title })} title={t('shell.close', { name: title })}>
              <Icon name="close" size={12} />
            </button>
          </span>
        )
      })}
      <div className="shell-new" ref={box}>
        <button
          className="tab"
          data-testid="shell.new"
          onClick={(e) => {
            // The tab strip scrolls sideways, so the menu is placed on the page, above the button.
            setMenu(menu ? null : placeMenu(e.currentTarget.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight }, { width: 280, height: 60 + 34 * (nodes.length + 1) }))
          }}
          aria-expanded={!!menu}
          aria-label={t('shell.newTitle')}
          title={t('shell.newTitle')}
        >
          {/* With shells open the strip is crowded: the + alone says it (the tooltip says the rest). */}
          {shells.length ? '+' : `+ ${t('shell.new')}`}
        </button>
        {menu ? (
          <div className="menu menu-fixed" role="menu" data-testid="shell.menu" style={menu}>
            <div className="menu-caption">{t('shell.menuCaption')}</div>
            {[...nodes, 'external'].map((n) => (
              <button
                key={n}
                role="menuitem"
                className="menu-item mono"
                data-testid={`shell.new.${n}`}
                onClick={() => {
                  setMenu(null)
                  openShellFromClick({ kind: 'node', node: n })
                }}
              >
                {n === 'external' ? `external — ${t('shell.externalItem')}` : `${n}$`}
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </>
  )
})
