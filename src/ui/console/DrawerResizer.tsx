import { useRef } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { DRAWER_DEFAULT } from './slice'

/**
 * The drawer's top edge: drag it to give the editor or a terminal more room (the height is
 * remembered), double-click to go back to the default. Arrow keys work too.
 */
export function DrawerResizer() {
  const t = useT()
  const start = useRef<{ y: number; h: number } | null>(null)
  const set = (h: number) => useStore.getState().setDrawerHeight(h)
  return (
    <div
      className="drawer-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('drawer.resize')}
      title={t('drawer.resize')}
      tabIndex={0}
      data-testid="drawer.resize"
      onPointerDown={(e) => {
        start.current = { y: e.clientY, h: useStore.getState().drawerHeight }
        e.currentTarget.setPointerCapture(e.pointerId)
      }}
      onPointerMove={(e) => {
        if (start.current) set(start.current.h + (start.current.y - e.clientY))
      }}
      onPointerUp={() => (start.current = null)}
      onDoubleClick={() => set(DRAWER_DEFAULT)}
      onKeyDown={(e) => {
        const h = useStore.getState().drawerHeight
        if (e.key === 'ArrowUp') set(h + 24)
        else if (e.key === 'ArrowDown') set(h - 24)
      }}
    />
  )
}
