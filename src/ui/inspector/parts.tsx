import type { ReactNode } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'

/** A label/value grid row. */
export function Field({ label, children, testid }: { label: string; children: ReactNode; testid?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testid}>{children}</dd>
    </>
  )
}

export function Section({ title, children, testid }: { title: string; children: ReactNode; testid?: string }) {
  return (
    <section className="insp-section" data-testid={testid}>
      <h3>{title}</h3>
      {children}
    </section>
  )
}

/** Node conditions where True is the bad news (the pressure conditions, NetworkUnavailable). */
const TRUE_IS_BAD = new Set(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'])

function conditionClass(type: string, status: string): string {
  if (status !== 'True' && status !== 'False') return ''
  return (status === 'True') !== TRUE_IS_BAD.has(type) ? 'ok' : 'bad'
}

/** Conditions as `kubectl describe` lists them. */
export function Conditions({ conditions }: { conditions?: { type: string; status: string; reason?: string; message?: string }[] }) {
  const t = useT()
  if (!conditions?.length) return <p className="muted">{t('inspector.none')}</p>
  return (
    <table className="table compact">
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type} title={c.message}>
            <td className="nowrap">{c.type}</td>
            <td className={`nowrap ${conditionClass(c.type, c.status)}`}>{c.status}</td>
            <td className="muted">{c.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function Labels({ labels }: { labels?: Record<string, string> }) {
  const t = useT()
  const entries = Object.entries(labels ?? {})
  if (!entries.length) return <span className="muted">{t('inspector.none')}</span>
  return (
    <span className="labels">
      {entries.map(([k, v]) => (
        <code key={k} className="label-chip">
          {k}={v}
        </code>
      ))}
    </span>
  )
}

/** A clickable reference to another object in the mirror. */
export function ObjectLink({ uid, children }: { uid: string; children: ReactNode }) {
  return (
    <button className="link" onClick={() => useStore.getState().select(uid)}>
      {children}
    </button>
  )
}

export const ownerOf = (o: KObject) => (o.metadata.ownerReferences ?? []).find((r) => r.controller)
