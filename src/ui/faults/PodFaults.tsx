import { memo, useState } from 'react'
import type { KObject } from '../../engine/index'
import type { Fault } from '../../protocol'
import { useStore } from '../store'
import { useT, type MessageKey } from '../i18n'
import { Icon } from '../icons'
import { faultFromClick } from '../actions'

const PROBES = ['liveness', 'readiness', 'startup'] as const
type ProbeType = (typeof PROBES)[number]
const PROBE_FIELD: Record<ProbeType, string> = { liveness: 'livenessProbe', readiness: 'readinessProbe', startup: 'startupProbe' }

interface ContainerSpec {
  name: string
  livenessProbe?: object
  readinessProbe?: object
  startupProbe?: object
}

/**
 * Break a pod on purpose: crash one of its containers with an exit code, or force a probe to
 * fail (or succeed) from now on — then watch the kubelet restart it, back off, and the
 * ReplicaSet and Service react. Each button calls the engine's fault API; the call is shown
 * like the command behind a click.
 */
export const PodFaults = memo(function PodFaults({ pod }: { pod: KObject }) {
  const t = useT()
  const ns = pod.metadata.namespace ?? 'default'
  const name = pod.metadata.name as string
  const containers = [...((pod.spec?.initContainers ?? []) as ContainerSpec[]), ...((pod.spec?.containers ?? []) as ContainerSpec[])]
  const regular = (pod.spec?.containers ?? []) as ContainerSpec[]
  const [container, setContainer] = useState(regular[0]?.name ?? '')
  const [exitCode, setExitCode] = useState(1)
  const available = useStore((s) => s.faultState.available)
  const probes = useStore((s) => s.faultState.probes)
  const spec = containers.find((c) => c.name === container)
  const defined = PROBES.filter((p) => spec?.[PROBE_FIELD[p] as keyof ContainerSpec])
  const run = (fault: Fault) => void faultFromClick(fault)
  if (!containers.length) return null
  return (
    <div className="faults" data-testid="faults.pod">
      {!available ? <p className="note small">{t('faults.unavailable')}</p> : null}
      <div className="ctl-row">
        {regular.length > 1 ? (
          <select value={container} onChange={(e) => setContainer(e.target.value)} aria-label={t('wl.container')} data-testid="faults.container">
            {regular.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="mono ctl-fixed">{container}</span>
        )}
        <label className="muted small" htmlFor="fault-exit">
          {t('faults.exitCode')}
        </label>
        <input id="fault-exit" className="ctl-input num" type="number" min={0} max={255} value={exitCode} data-testid="faults.exitCode" onChange={(e) => setExitCode(Math.max(0, Math.min(255, Math.floor(Number(e.target.value) || 0))))} />
        <button className="btn btn-small btn-danger" data-testid="faults.crash" onClick={() => run({ kind: 'crashContainer', namespace: ns, pod: name, container, exitCode })}>
          <Icon name="bolt" size={14} />
          {t('faults.crash')}
        </button>
      </div>
      <p className="muted small">{t('faults.crashExplain')}</p>
      {defined.length ? (
        <table className="table compact probe-faults">
          <tbody>
            {defined.map((p) => {
              const forced = probes[`${ns}/${name}/${container}/${p}`]
              return (
                <tr key={p} data-testid={`faults.probe.${p}`}>
                  <td className="nowrap mono">{PROBE_FIELD[p]}</td>
                  <td>
                    <div className="segmented small">
                      {(['fail', 'succeed', null] as const).map((result) => (
                        <button
                          key={String(result)}
                          className={`seg${(forced ?? null) === result ? ' on' : ''}${result === 'fail' ? ' danger' : ''}`}
                          data-testid={`faults.probe.${p}.${result ?? 'normal'}`}
                          onClick={() => run({ kind: 'setProbe', namespace: ns, pod: name, container, probe: p, result })}
                        >
                          {t(`faults.probe.${result ?? 'normal'}` as MessageKey)}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('faults.noProbes')}</p>
      )}
      {defined.length ? <p className="muted small">{t('faults.probeExplain')}</p> : null}
    </div>
  )
})
