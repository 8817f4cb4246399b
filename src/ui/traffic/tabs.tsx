/**
 * The Services feature's drawer tabs: Traffic (send requests, play them hop by hop), Rules (a
 * node's iptables-save / ipvsadm with the matched rule highlighted) and Scale (the 10 → 10,000
 * Services experiment). Drawer.tsx lists them after its own tabs.
 */
import type { ReactNode } from 'react'
import type { DrawerTab, ServicesTab } from '../store/view'
import { TrafficPanel } from './TrafficPanel'
import { RulesView } from '../rules/RulesView'
import { ScalePanel } from '../services/ScalePanel'

export const SERVICES_TABS = [
  { id: 'traffic', label: 'drawer.traffic' },
  { id: 'rules', label: 'drawer.rules' },
  { id: 'scale', label: 'drawer.scale' },
] as const satisfies readonly { id: ServicesTab; label: string }[]

export function servicesPanel(tab: DrawerTab): ReactNode | null {
  switch (tab) {
    case 'traffic':
      return <TrafficPanel />
    case 'rules':
      return <RulesView />
    case 'scale':
      return <ScalePanel />
    default:
      return null
  }
}
