import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import type { DrawerTab } from '../store/view'
import { ApplyPanel } from './ApplyPanel'
import { Console } from './Console'
import { EventLog } from './EventLog'
import { ApiLog } from './ApiLog'
import { SERVICES_TABS, servicesPanel } from '../traffic/tabs'
import { ShellTabs } from '../shells/ShellTabs'
import { ShellTab } from '../shells/ShellTab'
import { DrawerResizer } from '../console/DrawerResizer'

const TABS: { id: DrawerTab; label: 'drawer.yaml' | 'drawer.console' | 'drawer.events' | 'drawer.log' | (typeof SERVICES_TABS)[number]['label'] }[] = [
  { id: 'yaml', label: 'drawer.yaml' },
  { id: 'console', label: 'drawer.console' },
  { id: 'events', label: 'drawer.events' },
  { id: 'log', label: 'drawer.log' },
  ...SERVICES_TABS,
]

/** The bottom drawer: apply YAML, a kubectl console, the event log and the API request log. */
export function Drawer() {
  const t = useT()
  const open = useStore((s) => s.drawerOpen)
  const tab = useStore((s) => s.drawerTab)
  const { setDrawerTab, setDrawerOpen } = useStore.getState()
  const height = useStore((s) => s.drawerHeight)
  return (
    <section className={`drawer${open ? ' open' : ''}`} data-testid="drawer" data-tab={tab} style={open ? { height } : undefined}>
      {open ? <DrawerResizer /> : null}
      <div className="drawer-tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x.id} role="tab" aria-selected={open && tab === x.id} className={`tab${open && tab === x.id ? ' active' : ''}`} data-testid={`drawer.tab.${x.id}`} onClick={() => setDrawerTab(x.id)}>
            {t(x.label)}
          </button>
        ))}
        <ShellTabs />
        <span className="spacer" />
        <button className="btn btn-icon" data-testid="drawer.toggle" onClick={() => setDrawerOpen(!open)} title={open ? t('drawer.hide') : t('drawer.show')} aria-label={open ? t('drawer.hide') : t('drawer.show')}>
          <Icon name={open ? 'chevronDown' : 'chevronUp'} />
        </button>
      </div>
      {open ? (
        <div className="drawer-body">
          {tab.startsWith('shell:') ? <ShellTab id={tab.slice('shell:'.length)} /> : servicesPanel(tab) ?? (tab === 'yaml' ? <ApplyPanel /> : tab === 'console' ? <Console /> : tab === 'events' ? <EventLog /> : <ApiLog />)}
        </div>
      ) : null}
    </section>
  )
}
