/** "Show it in node-1's rules": open the Rules tab on that node and read its tables. */
import { useStore } from '../store'
import { loadRules } from './client'

export function openRulesFor(node: string): void {
  const s = useStore.getState()
  s.setRulesNode(node)
  s.setDrawerTab('rules')
  void loadRules(node)
}
