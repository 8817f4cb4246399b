import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { ViewportPortal, useReactFlow, useStore as useFlowStore, type ReactFlowInstance } from '@xyflow/react'
import { useAnimateMini, useReducedMotion } from 'framer-motion'
import { useStore } from '../store'
import { useT } from '../i18n'
import type { Hop, TraceView } from '../../protocol'
import type { AppNode } from '../graph/derive'
import { dwellMs, hopAnchors, type Anchor, type HopAnchor } from './positions'
import { anchorLookup } from './lookup'
import './traffic.css'

/**
 * The packet on the canvas. One request plays hop by hop along its real path — pod → node
 * kernel (each netfilter hook) → [kube-proxy process] → wire → node → pod and back — with a
 * trail of where it has been; the header it carries is in HeaderCard. Streamed requests fly
 * as small dots along their path. Movement is Web Animations (framer-motion's mini animator)
 * on transforms: no React state per frame, only per hop.
 */

type Pt = { x: number; y: number }
type RF = ReactFlowInstance<AppNode>

function resolve(rf: RF, a: Anchor): Pt | undefined {
  const n = rf.getInternalNode(a.id)
  if (!n) return undefined
  const w = n.measured?.width ?? n.width ?? 0
  const h = n.measured?.height ?? n.height ?? 0
  return { x: n.internals.positionAbsolute.x + w * a.fx, y: n.internals.positionAbsolute.y + h * a.fy }
}

export function pointOf(rf: RF, ha: HopAnchor | undefined): Pt | undefined {
  if (!ha) return undefined
  if ('at' in ha) return resolve(rf, ha.at)
  const a = resolve(rf, ha.between[0])
  const b = resolve(rf, ha.between[1])
  if (!a || !b) return a ?? b
  // The wire: half-way, bowed a little so the way back is visibly another packet.
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 + 18 }
}

const tr = (p: Pt) => `translate(${p.x}px, ${p.y}px)`

function useAnchors(trace: TraceView | null | undefined) {
  return useMemo(() => {
    if (!trace) return []
    const s = useStore.getState()
    return hopAnchors(trace.hops, anchorLookup(s.objects, s.layout, s.svcIndex))
  }, [trace])
}

/** Auto-advance while playing: one hop after another, dwelling longer where something changes. */
function usePlayback() {
  const playing = useStore((s) => s.tracePlaying)
  const hop = useStore((s) => s.hop)
  const trace = useStore((s) => s.trace)
  useEffect(() => {
    if (!playing || !trace) return
    if (hop >= trace.hops.length - 1) {
      useStore.getState().setTracePlaying(false)
      return
    }
    const h: Hop | undefined = trace.hops[hop]
    const id = setTimeout(() => useStore.getState().setHop(hop + 1), h ? dwellMs(h) : 600)
    return () => clearTimeout(id)
  }, [playing, hop, trace])
}

/** The React Flow node ids a trace passes through (node groups for kernels and kube-proxies). */
function involvedIds(anchors: readonly (HopAnchor | undefined)[]): string[] {
  const ids = new Set<string>()
  const add = (a: Anchor) => ids.add(a.id.replace(/^(kernel|kproxy):/, 'node:'))
  for (const a of anchors) {
    if (!a) continue
    if ('at' in a) add(a.at)
    else a.between.forEach(add)
  }
  return [...ids]
}

/** The camera follows a new request: zoom to the hosts it passes (and back out when it is closed). */
function useFollowCamera(anchors: readonly (HopAnchor | undefined)[], active: boolean) {
  const rf = useReactFlow<AppNode>()
  const was = useRef(false)
  useEffect(() => {
    if (active && anchors.length) {
      const ids = involvedIds(anchors)
      if (ids.length) void rf.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.2, maxZoom: 0.95, duration: 450 })
      was.current = true
    } else if (!active && was.current) {
      was.current = false
      void rf.fitView({ padding: 0.04, duration: 400 })
    }
  }, [anchors, active, rf])
}

const MainPacket = memo(function MainPacket() {
  const t = useT()
  const rf = useReactFlow<AppNode>()
  const trace = useStore((s) => s.trace)
  const hop = useStore((s) => s.hop)
  const anchors = useAnchors(trace)
  // Labels keep a readable size however far the canvas is zoomed out.
  const zoom = useFlowStore((s) => s.transform[2])
  const scale = Math.max(1, 1 / zoom)
  useFollowCamera(anchors, !!trace)
  const reduce = useReducedMotion()
  const [scope, animate] = useAnimateMini<HTMLDivElement>()
  const last = useRef<{ trace: TraceView; pt: Pt } | null>(null)
  const [trail, setTrail] = useState<Pt[]>([])
  usePlayback()

  useEffect(() => {
    if (!trace || hop < 0 || !scope.current) return
    const pt = pointOf(rf, anchors[hop])
    if (!pt) return
    const from = last.current?.trace === trace ? last.current.pt : pt
    last.current = { trace, pt }
    animate(scope.current, { transform: [tr(from), tr(pt)] }, { duration: reduce ? 0 : 0.5, ease: 'easeInOut' })
    const pts: Pt[] = []
    for (let i = 0; i <= hop; i++) {
      const p = pointOf(rf, anchors[i])
      if (p && (!pts.length || pts[pts.length - 1].x !== p.x || pts[pts.length - 1].y !== p.y)) pts.push(p)
    }
    setTrail(pts)
  }, [trace, hop, anchors, rf, animate, scope, reduce])

  if (!trace || hop < 0) return null
  const h = trace.hops[hop]
  const reply = h?.phase === 'reply'
  // At a host outside the cluster the packet waits at its left edge: the label goes left, off its text.
  const here = anchors[hop]
  const labelLeft = !!here && 'at' in here && here.at.fx === 0
  const label = h?.change ? `${h.change.kind} → ${h.change.field === 'src' ? `${h.packet.src.ip}:${h.packet.src.port}` : `${h.packet.dst.ip}:${h.packet.dst.port}`}` : h ? t(`hop.${h.kind}`) : ''
  return (
    <>
      <svg className="packet-trail" aria-hidden="true">
        <polyline points={trail.map((p) => `${p.x},${p.y}`).join(' ')} />
      </svg>
      <div
        ref={scope}
        className={`packet${reply ? ' reply' : ''}${h?.verdict === 'DROP' || h?.verdict === 'REJECT' ? ' dropped' : ''}`}
        data-testid="packet"
        data-hop={hop}
        data-kind={h?.kind}
        data-where={h?.where.node ?? h?.where.pod ?? h?.where.kind}
      >
        <span className="packet-scale" style={{ transform: `scale(${scale})` }}>
          <span className="packet-dot" />
          <span className={`packet-label${h?.change ? ' changed' : ''}${labelLeft ? ' left' : ''}`}>{label}</span>
        </span>
      </div>
    </>
  )
})

/** Streamed requests: a dot per batch flies along the newest request's path (request phase), fast. */
const StreamDots = memo(function StreamDots() {
  const rf = useReactFlow<AppNode>()
  const pulse = useStore((s) => s.streamPulse)
  const reduce = useReducedMotion()
  const [scope, animate] = useAnimateMini<HTMLDivElement>()
  const flying = useRef(0)
  useEffect(() => {
    const box = scope.current
    const tv = pulse.last
    if (!box || !tv || reduce || flying.current >= 4) return
    const s = useStore.getState()
    const anchors = hopAnchors(tv.hops, anchorLookup(s.objects, s.layout, s.svcIndex))
    const pts: Pt[] = []
    tv.hops.forEach((h, i) => {
      if (h.phase !== 'request') return
      const p = pointOf(rf, anchors[i])
      if (p && (!pts.length || pts[pts.length - 1].x !== p.x || pts[pts.length - 1].y !== p.y)) pts.push(p)
    })
    if (pts.length < 2) return
    const el = document.createElement('div')
    el.className = 'stream-dot'
    box.appendChild(el)
    flying.current++
    const done = () => {
      flying.current--
      el.remove()
    }
    animate(el, { transform: pts.map(tr) }, { duration: Math.min(1.6, 0.18 * pts.length), ease: 'linear' }).then(done, done)
  }, [pulse, rf, animate, scope, reduce])
  return <div ref={scope} className="stream-dots" />
})

/** Everything that moves on the canvas for Services, in flow coordinates (inside <ReactFlow>). */
export function PacketLayer() {
  return (
    <ViewportPortal>
      <StreamDots />
      <MainPacket />
    </ViewportPortal>
  )
}
