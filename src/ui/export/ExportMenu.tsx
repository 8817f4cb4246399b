import { memo, useEffect, useRef, useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { importFile } from '../editor/actions'
import { exportToEditor, exportToFile } from './actions'
import { placeMenu, type MenuPlace } from '../console/menu-position'
import '../console/console.css'

/**
 * Top-bar Export ▾ and Import: save the cluster (or the selected object) as a YAML file any
 * cluster accepts with `kubectl apply -f`, or load such a file and apply it here.
 */
export const ExportMenu = memo(function ExportMenu() {
  const t = useT()
  const [place, setPlace] = useState<MenuPlace | null>(null)
  const open = place !== null
  const setOpen = (v: boolean) => setPlace(v ? place : null)
  const box = useRef<HTMLDivElement>(null)
  const file = useRef<HTMLInputElement>(null)
  const selected = useStore((s) => (s.selection ? s.objects[s.selection] : undefined))
  const exportable = selected && selected.kind !== 'Event' && selected.kind !== 'Node'
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
  const run = (f: () => Promise<void>) => {
    setOpen(false)
    void f()
  }
  return (
    <div className="export-menu menu-anchor" ref={box}>
      <button className="btn export-button" data-testid="export.open" aria-haspopup="menu" aria-expanded={open} onClick={(e) => setPlace(open ? null : placeMenu(e.currentTarget.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight }, { width: 320, height: 300 }, 'right'))}
        title={t('export.title')}
        aria-label={t('export.button')}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M12 3v12M7 10l5 5 5-5M4 17v2.5A1.5 1.5 0 0 0 5.5 21h13a1.5 1.5 0 0 0 1.5-1.5V17" />
        </svg>
        <span className="export-label">{t('export.button')}</span>
      </button>
      {open ? (
        <div className="menu menu-fixed menu-right" role="menu" data-testid="export.menu" style={place}>
          <div className="menu-caption">{t('export.caption')}</div>
          <button role="menuitem" className="menu-item" data-testid="export.cluster" onClick={() => run(() => exportToFile(undefined, 'cluster'))}>
            {t('export.cluster')}
          </button>
          <button
            role="menuitem"
            className="menu-item"
            data-testid="export.selected"
            disabled={!exportable}
            onClick={() => selected && run(() => exportToFile([selected.metadata.uid as string], selected.metadata.name ?? 'object'))}
          >
            {exportable ? t('export.selected', { name: `${selected.kind.toLowerCase()}/${selected.metadata.name}` }) : t('export.selectedNone')}
          </button>
          <button role="menuitem" className="menu-item" data-testid="export.editor" onClick={() => run(() => exportToEditor())}>
            {t('export.toEditor')}
          </button>
          <div className="menu-sep" />
          <button role="menuitem" className="menu-item" data-testid="import.open" onClick={() => file.current?.click()}>
            {t('import.button')}
          </button>
        </div>
      ) : null}
      <input
        ref={file}
        type="file"
        accept=".yaml,.yml,.json,application/yaml,text/yaml"
        hidden
        data-testid="import.file"
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          setOpen(false)
          if (f) void importFile(f)
        }}
      />
    </div>
  )
})
