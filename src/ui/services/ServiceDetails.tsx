import { memo, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Field, Labels, ObjectLink, Section } from '../inspector/parts'
import { EventsList } from '../inspector/EventsList'
import { sendRequest } from '../traffic/client'
import { nodeIPs, sourcePods } from '../traffic/targets'
import { useClusterLists } from '../traffic/lists'
import type { TraceSource } from '../../protocol'
import { endpointState, selectorText, type EndpointState } from './model'

interface EndpointRow {
  ip: string
  port?: number
  node?: string
  pod?: string
  podUid?: string
  state: EndpointState
}

/** Endpoints of the Service from its EndpointSlices (kubernetes.io/service-name), as the controller wrote them. */
function useEndpoints(svc: KObject): EndpointRow[] {
  const ns = svc.metadata.namespace
  const name = svc.metadata.name
  const slices = useStore(useShallow((s) => Object.values(s.svcIndex.byNs[ns ?? 'default']?.slices ?? {}).filter((o) => o.metadata.labels?.['kubernetes.io/service-name'] === name)))
  return useMemo(() => {
    const rows: EndpointRow[] = []
    for (const sl of slices)
      for (const e of sl.endpoints ?? [])
        rows.push({ ip: e.addresses?.[0], port: sl.ports?.[0]?.port, node: e.nodeName, pod: e.targetRef?.name, podUid: e.targetRef?.uid, state: endpointState(e.conditions) })
    return rows.sort((a, b) => `${a.ip}`.localeCompare(`${b.ip}`))
  }, [slices])
}

/** Where a request to this Service teaches the most: from outside via its NodePort or LB, else from a pod (or a node) to its ClusterIP. */
function bestRequest(svc: KObject, objects: readonly KObject[], endpoints: readonly EndpointRow[]): { source: TraceSource; url: string } | undefined {
  const p = (svc.spec?.ports ?? [])[0] as { port: number; nodePort?: number } | undefined
  if (!p) return undefined
  const host = (h: string, port: number) => `http://${h}${port === 80 ? '' : `:${port}`}/`
  const lb = (svc.status?.loadBalancer?.ingress ?? [])[0]?.ip
  if (lb) return { source: { from: 'external' }, url: host(lb, p.port) }
  const node = nodeIPs(objects)[0]
  if (p.nodePort && node) return { source: { from: 'external' }, url: host(node.ip, p.nodePort) }
  const backends = new Set(endpoints.map((e) => e.podUid))
  const client = sourcePods(objects).find((o) => !backends.has(o.metadata.uid as string))
  const cip = svc.spec?.clusterIP
  if (!cip || cip === 'None') return undefined
  return client ? { source: { from: 'pod', namespace: client.metadata.namespace as string, pod: client.metadata.name as string }, url: host(cip, p.port) } : node ? { source: { from: 'node', node: node.name }, url: host(cip, p.port) } : undefined
}

/** A Service in the inspector: its addresses and three ports, its endpoints (with the requests each served), its events. */
export const ServiceDetails = memo(function ServiceDetails({ obj }: { obj: KObject }) {
  const t = useT()
  const spec = obj.spec ?? {}
  const endpoints = useEndpoints(obj)
  const hits = useStore((s) => s.hits.hits)
  const { all } = useClusterLists()
  const ns = obj.metadata.namespace as string
  const ingress = ((obj.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[]).map((i) => i.ip ?? i.hostname).filter(Boolean)
  const request = useMemo(() => bestRequest(obj, all, endpoints), [obj, all, endpoints])
  const send = () => {
    if (!request) return
    const s = useStore.getState()
    s.setTrafficForm({ source: request.source, url: request.url })
    s.setDrawerTab('traffic')
    void sendRequest(request.source, request.url)
  }
  return (
    <div className="details" data-testid="inspector.service">
      <div className="status-pill tone-running">{spec.type ?? 'ClusterIP'}</div>
      <dl className="fields">
        <Field label="clusterIP" testid="inspector.clusterIP">
          <span className="mono">{spec.clusterIP ?? '—'}</span>
        </Field>
        {spec.type === 'LoadBalancer' ? (
          <Field label="EXTERNAL-IP">
            <span className="mono">{ingress.join(', ') || '<pending>'}</span>
          </Field>
        ) : null}
        <Field label="selector">
          <span className="mono">{selectorText(spec.selector) || t('svc.node.noSelector')}</span>
        </Field>
        <Field label="sessionAffinity">
          <span className="mono">{spec.sessionAffinity ?? 'None'}</span>
        </Field>
        {spec.externalTrafficPolicy ? (
          <Field label="externalTrafficPolicy">
            <span className="mono">{spec.externalTrafficPolicy}</span>
          </Field>
        ) : null}
        <Field label={t('inspector.labels')}>
          <Labels labels={obj.metadata.labels} />
        </Field>
      </dl>
      {request ? (
        <button className="btn btn-primary" data-testid="inspector.sendRequest" onClick={send} title={`${request.url}`}>
          {t('svc.insp.send')}
        </button>
      ) : null}
      <Section title={t('svc.insp.threePorts')}>
        <p className="three-explain">{t('svc.insp.portExplain')}</p>
        <table className="table compact ports-table">
          <thead>
            <tr>
              <th>name</th>
              <th>port</th>
              <th>targetPort</th>
              <th>nodePort</th>
              <th>protocol</th>
            </tr>
          </thead>
          <tbody>
            {((spec.ports ?? []) as { name?: string; port: number; targetPort?: number | string; nodePort?: number; protocol?: string }[]).map((p, i) => (
              <tr key={i}>
                <td>{p.name ?? '—'}</td>
                <td>{p.port}</td>
                <td>{p.targetPort ?? p.port}</td>
                <td>{p.nodePort ?? '—'}</td>
                <td>{p.protocol ?? 'TCP'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={`${t('svc.insp.endpoints')} (${endpoints.length})`} testid="inspector.endpoints">
        {endpoints.length ? (
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('svc.insp.pod')}</th>
                <th>IP</th>
                <th>{t('svc.insp.node')}</th>
                <th>{t('svc.insp.state')}</th>
                <th title={t('svc.insp.hits')}>#</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={`${e.ip}:${e.port}`}>
                  <td>{e.podUid && e.pod ? <ObjectLink uid={e.podUid}>{e.pod}</ObjectLink> : '—'}</td>
                  <td className="mono">
                    {e.ip}
                    {e.port ? `:${e.port}` : ''}
                  </td>
                  <td>{e.node ?? '—'}</td>
                  <td className={e.state === 'ready' ? 'ok' : 'bad'}>{t(`svc.ep.${e.state}`)}</td>
                  <td className="mono">{e.pod ? (hits[`${ns}/${e.pod}`] ?? 0) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{t('svc.insp.noEndpoints')}</p>
        )}
      </Section>
      <Section title={t('inspector.events')}>
        <EventsList uid={obj.metadata.uid as string} />
      </Section>
    </div>
  )
})
