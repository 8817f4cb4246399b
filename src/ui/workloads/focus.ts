/**
 * A quick button on a graph card can ask the inspector to open a form (e.g. "change image"):
 * the request waits here until the form mounts for that object and takes it. Plain module
 * state, not store state: it is a one-shot hand-over between two components, not something
 * to render.
 */
export type FocusTarget = 'image' | 'history' | 'scale'

let pending: { uid: string; target: FocusTarget } | null = null
const listeners = new Set<() => void>()

export function requestFocus(uid: string, target: FocusTarget): void {
  pending = { uid, target }
  for (const l of listeners) l()
}

/** Take the pending request if it is for this object and form. */
export function takeFocus(uid: string, target: FocusTarget): boolean {
  if (pending?.uid !== uid || pending.target !== target) return false
  pending = null
  return true
}

export function onFocusRequest(l: () => void): () => void {
  listeners.add(l)
  return () => listeners.delete(l)
}
