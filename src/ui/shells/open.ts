import type { ShellTarget } from '../../protocol'
import { useStore } from '../store'
import { shellCommand } from './commands'

let clickId = -1_000

/** A "Shell" button: open (or focus) the tab and show the kubectl line that gives the same shell on a real cluster. */
export function openShellFromClick(target: ShellTarget): void {
  const s = useStore.getState()
  s.openShell(target)
  s.setLastCommand({ id: --clickId, text: shellCommand(target), ok: true })
}
