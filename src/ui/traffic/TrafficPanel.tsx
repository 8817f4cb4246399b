import { memo, useEffect, useMemo } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import type { TraceSource } from '../../protocol'
import { compareModes, sendRequest, startStream, stopStream } from './client'
import { defaultTarget, nodeIPs, parseSourceKey, sourceKey, sourcePods, targetGroups, type TargetOption } from './targets'
import { HopList } from './HopList'
import { HitsPanel } from './HitsPanel'
import { useClusterLists } from './lists'
import './traffic.css'

const RATES = [1, 2, 5, 10, 20, 50] as const

function optionLabel(t: ReturnType<typeof useT>, o: TargetOption): string {
  const what = o.kind === 'nodePort' ? t('traffic.target.nodePort', { node: o.node ?? '' }) : o.kind === 'lb' ? t('traffic.target.lb') : o.kind === 'dns' ? t('traffic.target.dns') : o.kind === 'clusterIP' ? 'ClusterIP' : 'Pod IP'
  return `${o.url} — ${what}`
}

/** Where the request starts and where it goes; send one, or a stream on virtual time. */
const TrafficForm = memo(function TrafficForm() {
  const t = useT()
  const { all } = useClusterLists()
  const form = useStore((s) => s.trafficForm)
  const stream = useStore((s) => s.stream)
  const comparing = useStore((s) => s.comparing)
  const nodes = useMemo(() => nodeIPs(all), [all])
  const pods = useMemo(() => sourcePods(all), [all])
  const groups = useMemo(() => targetGroups(all, form.source), [all, form.source])
  const urls = useMemo(() => new Set(groups.flatMap((g) => g.options.map((o) => o.url))), [groups])
  const { setTrafficForm } = useStore.getState()

  // Keep the target valid for the source: a DNS name is no target from outside the cluster.
  useEffect(() => {
    if (!form.url || (!urls.has(form.url) && !form.url.startsWith('custom:'))) {
      const d = defaultTarget(groups)
      if (d !== form.url) setTrafficForm({ url: d })
    }
  }, [form.url, urls, groups, setTrafficForm])

  const url = form.url.startsWith('custom:') ? form.url.slice(7) : form.url
  const streaming = !!stream?.active
  const send = () => url && void sendRequest(form.source, url)
  return (
    <div className="traffic-form">
      <label className="field">
        <span>{t('traffic.from')}</span>
        <select data-testid="traffic.source" value={sourceKey(form.source)} onChange={(e) => setTrafficForm({ source: parseSourceKey(e.target.value) as TraceSource })}>
          <option value="external">{t('traffic.source.external')}</option>
          {nodes.map((n) => (
            <option key={n.name} value={`node:${n.name}`}>
              {t('traffic.source.node', { node: n.name })}
            </option>
          ))}
          {pods.map((p) => (
            <option key={p.metadata.uid as string} value={`pod:${p.metadata.namespace}/${p.metadata.name}`}>
              {t('traffic.source.pod', { pod: `${p.metadata.namespace}/${p.metadata.name}` })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('traffic.to')}</span>
        <select data-testid="traffic.target" value={form.url.startsWith('custom:') ? 'custom' : form.url} onChange={(e) => setTrafficForm({ url: e.target.value === 'custom' ? `custom:${url}` : e.target.value })}>
          {groups.length ? null : <option value="">{t('traffic.noTargets')}</option>}
          {groups.map((g) => (
            <optgroup key={g.service || 'pods'} label={g.service ? t('traffic.target.service', { name: g.service }) : t('traffic.target.pods')}>
              {g.options.map((o) => (
                <option key={o.url} value={o.url}>
                  {optionLabel(t, o)}
                </option>
              ))}
            </optgroup>
          ))}
          <option value="custom">{t('traffic.target.custom')}</option>
        </select>
      </label>
      {form.url.startsWith('custom:') ? (
        <input className="mono traffic-url" data-testid="traffic.url" value={url} placeholder="http://10.96.0.1:443/" onChange={(e) => setTrafficForm({ url: `custom:${e.target.value}` })} onKeyDown={(e) => e.key === 'Enter' && send()} />
      ) : null}
      <div className="traffic-buttons">
        <button className="btn btn-primary" data-testid="traffic.send" disabled={!url} onClick={send} title={t('traffic.sendTitle')}>
          <Icon name="play" size={14} />
          {t('traffic.send')}
        </button>
        {streaming ? (
          <button className="btn" data-testid="traffic.stop" onClick={() => void stopStream()}>
            <Icon name="pause" size={14} />
            {t('traffic.stop')}
          </button>
        ) : (
          <button className="btn" data-testid="traffic.stream" disabled={!url} onClick={() => void startStream(form.source, url, form.perSecond)} title={t('traffic.streamTitle', { n: form.perSecond })}>
            {t('traffic.stream')}
          </button>
        )}
        <select data-testid="traffic.rate" value={form.perSecond} onChange={(e) => setTrafficForm({ perSecond: Number(e.target.value) })} aria-label={t('traffic.perSecond')} title={t('traffic.perSecond')}>
          {RATES.map((r) => (
            <option key={r} value={r}>
              {r}/s
            </option>
          ))}
        </select>
        <button className="btn" data-testid="traffic.compare" disabled={!url || comparing} onClick={() => void compareModes(form.source, url)} title={t('traffic.compareTitle')}>
          {t('traffic.compare')}
        </button>
      </div>
      {stream ? (
        <div className="traffic-stream mono" data-testid="traffic.streamStatus">
          {stream.active ? '● ' : ''}
          {t('traffic.streamStatus', { sent: stream.sent, ok: stream.ok, failed: stream.failed })}
        </div>
      ) : null}
    </div>
  )
})

/** The drawer's Traffic tab: the form, the hops of the request being played, the per-pod counters. */
export function TrafficPanel() {
  const error = useStore((s) => s.svcError)
  return (
    <div className="traffic-panel" data-testid="traffic-panel">
      <div className="traffic-col">
        <TrafficForm />
        {error ? (
          <div className="traffic-error" role="alert" data-testid="traffic.error">
            {error}
          </div>
        ) : null}
      </div>
      <HopList />
      <HitsPanel />
    </div>
  )
}
