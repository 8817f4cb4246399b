import { useEffect, useRef, useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { TEMPLATES } from './templates'
import { placeMenu, type MenuPlace } from '../console/menu-position'

/** "New ▾": a manifest to start from, one per simulated kind (and each Service type). */
export function TemplateMenu() {
  const t = useT()
  const [place, setPlace] = useState<MenuPlace | null>(null)
  const open = place !== null
  const setOpen = (v: boolean) => setPlace(v ? place : null)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false)
    }
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)
    document.addEventListener('mousedown', close)
    document.addEventListener('keydown', esc)
    return () => {
      document.removeEventListener('mousedown', close)
      document.removeEventListener('keydown', esc)
    }
  }, [open])
  return (
    <div className="menu-anchor" ref={box}>
      <button
        className="btn"
        data-testid="yaml.new"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={(e) => setPlace(open ? null : placeMenu(e.currentTarget.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight }, { width: 280, height: 420 }))}
        title={t('editor.newTitle')}
      >
        {t('editor.new')} ▾
      </button>
      {open ? (
        <div className="menu menu-fixed" role="menu" data-testid="yaml.templates" style={place}>
          <div className="menu-caption">{t('editor.newCaption')}</div>
          {TEMPLATES.map((tpl) => (
            <button
              key={tpl.id}
              role="menuitem"
              className="menu-item"
              data-testid={`yaml.new.${tpl.id}`}
              onClick={() => {
                setOpen(false)
                useStore.getState().loadEditor(tpl.yaml, { kind: 'template', name: tpl.label })
              }}
            >
              {tpl.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
