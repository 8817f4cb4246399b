/**
 * Where a drop-down menu goes: under its button when there is room, otherwise above it (the
 * drawer's buttons sit low on a 720 px screen), never past the window; fixed to the page so a
 * scrolling tab strip cannot clip it.
 */
export interface MenuPlace {
  left: number
  top?: number
  bottom?: number
  maxHeight: number
}

const GAP = 4
const MARGIN = 8

export function placeMenu(button: DOMRect, view: { width: number; height: number }, want: { width: number; height: number }, align: 'left' | 'right' = 'left'): MenuPlace {
  const left = Math.max(MARGIN, Math.min(align === 'right' ? button.right - want.width : button.left, view.width - want.width - MARGIN))
  const below = view.height - button.bottom - GAP - MARGIN
  const above = button.top - GAP - MARGIN
  if (below >= want.height || below >= above) return { left, top: button.bottom + GAP, maxHeight: Math.max(120, below) }
  return { left, bottom: view.height - button.top + GAP, maxHeight: Math.max(120, above) }
}
