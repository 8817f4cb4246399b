import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { formatClock } from '../model/time'
import type { Hop, RulesMessage } from '../../protocol'
import { loadRules } from '../traffic/client'
import { MODE_LABEL } from '../services/modes'
import { firstMark, hopMarks, type Marks } from './highlight'
import './rules.css'

const LINE_H = 17
const OVERSCAN = 30
/** Tables at most this long are read again whenever kube-proxy syncs; longer ones on request. */
const AUTO_RELOAD_LINES = 3000

/** The hop the Rules view explains: the current one, if it happened on a node and matched something. */
function useFocusHop(): { hop?: Hop; index: number } {
  const trace = useStore((s) => s.trace)
  const i = useStore((s) => s.hop)
  const h = trace && i >= 0 ? trace.hops[i] : undefined
  return h && h.where.node && (h.rules?.length || h.decisive || h.ipvs) ? { hop: h, index: i } : { index: -1 }
}

/** One printed table, virtualised (10,000 Services print ~100,000 lines); marked lines highlighted. */
const Lines = memo(function Lines({ text, marks, scrollTo, filter }: { text: string; marks?: Map<number, string>; scrollTo?: number; filter: string }) {
  const box = useRef<HTMLDivElement>(null)
  const [top, setTop] = useState(0)
  const [height, setHeight] = useState(300)
  const all = useMemo(() => text.replace(/\n$/, '').split('\n'), [text])
  const shown = useMemo(() => {
    const idx: number[] = []
    const f = filter.trim().toLowerCase()
    all.forEach((l, i) => (!f || l.toLowerCase().includes(f) || marks?.has(i)) && idx.push(i))
    return idx
  }, [all, filter, marks])
  useEffect(() => {
    const el = box.current
    if (!el) return
    const ro = new ResizeObserver(() => setHeight(el.clientHeight))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  useEffect(() => {
    const el = box.current
    if (!el || scrollTo === undefined) return
    const row = shown.indexOf(scrollTo)
    if (row < 0) return
    el.scrollTop = Math.max(0, row * LINE_H - el.clientHeight / 2 + LINE_H)
    setTop(el.scrollTop)
  }, [scrollTo, shown])
  const first = Math.max(0, Math.floor(top / LINE_H) - OVERSCAN)
  const last = Math.min(shown.length, Math.ceil((top + height) / LINE_H) + OVERSCAN)
  return (
    <div className="rules-lines mono" ref={box} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid="rules.lines">
      <div style={{ height: shown.length * LINE_H, position: 'relative' }}>
        {shown.slice(first, last).map((i, k) => {
          const m = marks?.get(i)
          return (
            <div key={i} className={`rules-line${m ? ` mark-${m}` : ''}`} style={{ top: (first + k) * LINE_H }} data-testid={m ? `rules.mark.${m}` : undefined} data-line={i + 1}>
              <span className="rules-ln">{i + 1}</span>
              <span className="rules-text">{all[i]}</span>
            </div>
          )
        })}
      </div>
    </div>
  )
})

/** The drawer's Rules tab: a node's tables as its shell prints them, the matched rule highlighted. */
export function RulesView() {
  const t = useT()
  const nodes = useStore((s) => s.layout.nodes)
  const node = useStore((s) => s.rulesNode)
  const rules: RulesMessage | undefined = useStore((s) => (s.rulesNode ? s.rules[s.rulesNode] : undefined))
  const status = useStore((s) => s.proxy.nodes.find((n) => n.node === s.rulesNode))
  const playing = useStore((s) => s.tracePlaying)
  const { hop, index } = useFocusHop()
  const [section, setSection] = useState(0)
  const [filter, setFilter] = useState('')
  const { setRulesNode } = useStore.getState()

  // Paused on a hop that matched rules on a node: show that node.
  useEffect(() => {
    if (!playing && hop?.where.node && hop.where.node !== node) setRulesNode(hop.where.node)
  }, [playing, hop, node, setRulesNode])
  useEffect(() => {
    if (!node && nodes.length) setRulesNode(nodes[0].name)
  }, [node, nodes, setRulesNode])
  // Read the tables when the node changes, and again after each sync while they are small.
  const syncs = status?.syncs
  const small = !rules || rules.sections.every((s) => s.text.length < AUTO_RELOAD_LINES * 80)
  useEffect(() => {
    if (node && small) void loadRules(node)
  }, [node, syncs, small, status?.mode, status?.running])

  const marks: Marks = useMemo(() => (rules && hop?.where.node === rules.node ? hopMarks(rules.sections, hop) : new Map()), [rules, hop])
  const target = firstMark(marks)
  const targetKey = target ? `${target.section}:${target.line}` : ''
  useEffect(() => {
    if (targetKey) setSection(Number(targetKey.split(':')[0]))
  }, [targetKey])
  const sec = rules?.sections[Math.min(section, (rules?.sections.length ?? 1) - 1)]
  const secIndex = rules ? rules.sections.indexOf(sec!) : -1

  return (
    <div className="rules-view" data-testid="rules-view">
      <div className="rules-bar">
        <label className="rules-node">
          <span>{t('rules.node')}</span>
          <select data-testid="rules.node" value={node ?? ''} onChange={(e) => setRulesNode(e.target.value)}>
            {nodes.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        {status ? (
          <span className={`mode-badge mode-${status.mode}${status.running ? '' : ' stopped'}`} data-testid="rules.mode">
            {t('rules.mode', { mode: MODE_LABEL[status.mode] })}
          </span>
        ) : null}
        {rules && rules.sections.length > 1 ? (
          <div className="rules-sections" role="tablist">
            {rules.sections.map((s, i) => (
              <button key={s.command} role="tab" aria-selected={i === secIndex} className={`tab${i === secIndex ? ' active' : ''}`} data-testid={`rules.section.${i}`} onClick={() => setSection(i)}>
                {s.command}
              </button>
            ))}
          </div>
        ) : sec ? (
          <code className="rules-cmd">$ {sec.command}</code>
        ) : null}
        <input className="rules-filter mono" placeholder="grep" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="rules.filter" aria-label="grep" />
        <button className="btn btn-small" onClick={() => node && void loadRules(node)} data-testid="rules.refresh">
          {t('rules.refresh')}
        </button>
      </div>
      {status && !status.running ? <div className="rules-warn">{t('rules.stopped')}</div> : null}
      {hop && rules && hop.where.node === rules.node && target ? (
        <div className="rules-focus" data-testid="rules.focus">
          {t('rules.matchedHere', { i: index + 1 })}
        </div>
      ) : null}
      {sec ? (
        <Lines text={sec.text} marks={marks.get(secIndex) as Map<number, string> | undefined} scrollTo={target && target.section === secIndex ? target.line : undefined} filter={filter} />
      ) : (
        <div className="rules-empty muted">{t('rules.empty')}</div>
      )}
      {rules ? (
        <div className="rules-foot muted">
          {t('rules.lines', { n: (sec?.text.split('\n').length ?? 1) - 1 })} · {t('rules.readAt', { time: formatClock(rules.at) })}
        </div>
      ) : null}
    </div>
  )
}
