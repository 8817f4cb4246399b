import { memo, useEffect, useMemo } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import type { Hop, RulesMessage } from '../../protocol'
import { firstMark, hopMarks } from '../rules/highlight'
import { loadRules } from './client'
import { openRulesFor } from './open-rules'
import { Playback } from './HopList'
import { AddrRow, whereText } from './header-parts'

const EXCERPT = 9

interface Excerpt {
  command: string
  lines: { n: number; text: string; mark?: string }[]
}

/**
 * The matched rule in its place in the node's table: the decisive rule's chain as
 * `iptables-save` prints it (or the IPVS virtual server with its real servers from
 * `ipvsadm -Ln`), the matched lines highlighted.
 */
export function excerptOf(rules: RulesMessage, hop: Hop): Excerpt | undefined {
  const marks = hopMarks(rules.sections, hop)
  const first = firstMark(marks)
  if (!first) return undefined
  const sec = rules.sections[first.section]
  const all = sec.text.split('\n')
  const m = marks.get(first.section)!
  let from: number
  let to: number
  if (sec.command.startsWith('iptables-save')) {
    const chain = all[first.line].split(' ')[1]
    from = first.line
    to = first.line
    while (from > 0 && all[from - 1].startsWith(`-A ${chain} `)) from--
    while (to + 1 < all.length && all[to + 1].startsWith(`-A ${chain} `)) to++
  } else {
    from = first.line
    while (from > 0 && all[from].startsWith('  ->')) from--
    to = first.line
    while (to + 1 < all.length && all[to + 1].startsWith('  ->')) to++
  }
  // Long chains (KUBE-SERVICES with many Services): a window around the match.
  if (to - from + 1 > EXCERPT) {
    from = Math.max(from, first.line - Math.floor(EXCERPT / 2))
    to = Math.min(to, from + EXCERPT - 1)
  }
  const lines = []
  for (let i = from; i <= to; i++) lines.push({ n: i + 1, text: all[i], mark: m.get(i) })
  return { command: sec.command, lines }
}

const RuleExcerpt = memo(function RuleExcerpt({ hop, node }: { hop: Hop; node: string }) {
  const t = useT()
  const rules = useStore((s) => s.rules[node])
  const traceAt = useStore((s) => s.trace?.at ?? 0)
  // Read the node's tables if we have none from after this request was sent.
  useEffect(() => {
    if (!rules || rules.at < traceAt) void loadRules(node)
  }, [node, rules, traceAt])
  const ex = useMemo(() => (rules ? excerptOf(rules, hop) : undefined), [rules, hop])
  if (!ex) return null
  return (
    <div className="rule-excerpt" data-testid="packet.ruleExcerpt">
      <div className="rule-excerpt-head mono">
        {node}$ {ex.command}
      </div>
      <div className="rule-excerpt-body mono">
        {ex.lines.map((l) => (
          <div key={l.n} className={`rules-line-static${l.mark ? ` mark-${l.mark}` : ''}`} data-testid={l.mark ? `packet.rule.${l.mark}` : undefined}>
            <span className="rules-ln">{l.n}</span>
            <span className="rules-text">{l.text}</span>
          </div>
        ))}
      </div>
      <button className="link" data-testid="packet.showRules" onClick={() => openRulesFor(node)}>
        {t('header.showRule', { node })}
      </button>
    </div>
  )
})

/**
 * The right panel while a request is being played (and nothing else is selected): the packet's
 * header at the current hop — src → dst, each address and port named — what this hop changed,
 * the rule that did it in its place in the node's table, and what the hop cost.
 */
export const PacketInspector = memo(function PacketInspector() {
  const t = useT()
  const trace = useStore((s) => s.trace)
  const i = useStore((s) => s.hop)
  const h = trace && i >= 0 ? trace.hops[i] : undefined
  if (!trace || !h) return null
  const changedSrc = !!h.change && (h.change.field === 'src' || h.change.field === 'both')
  const changedDst = !!h.change && (h.change.field === 'dst' || h.change.field === 'both')
  const node = h.where.node
  const matched = !!(h.decisive || h.rules?.length || h.ipvs)
  return (
    <div className="packet-inspector" data-testid="header-card" data-hop={i}>
      <div className="inspector-head">
        <div className="inspector-kind">{t('header.title')}</div>
        <h2 className="inspector-name mono" title={trace.url}>
          {trace.url}
        </h2>
        <button className="btn btn-icon" onClick={() => useStore.setState({ trace: null, hop: -1, tracePlaying: false })} title={t('header.close')} aria-label={t('header.close')}>
          <Icon name="close" />
        </button>
      </div>
      <div className="inspector-body">
        <div className={`pi-response mono${trace.code ? ' bad' : ' ok'}`}>
          {trace.code ? `${t('traffic.failed', { code: trace.code })} ${trace.response}` : t('traffic.servedBy', { pod: trace.servedBy ?? trace.response })}
        </div>
        <Playback compact />
        <div className={`header-card${h.phase === 'reply' ? ' reply' : ''}`}>
          <div className="header-card-top">
            <span className={`phase-chip ${h.phase}`}>{t(`traffic.phase.${h.phase}`)}</span>
            <span className="header-card-title">{t(`hop.${h.kind}`)}</span>
            <span className="header-card-where mono">{whereText(h)}</span>
          </div>
          <div className="hdr-grid">
            <AddrRow t={t} label={t('header.src')} a={h.packet.src} changed={changedSrc} testid="header.src" />
            <AddrRow t={t} label={`→ ${t('header.dst')}`} a={h.packet.dst} changed={changedDst} testid="header.dst" />
          </div>
          {h.change ? (
            <div className="hdr-change" data-testid="header.change">
              <b>{h.change.kind}</b> {t(`change.${h.change.kind}`)}
            </div>
          ) : null}
          {h.ipvs?.realServer ? (
            <div className="hdr-rule" data-testid="header.ipvs">
              {t('header.ipvs', { vs: h.ipvs.virtualServer, rs: h.ipvs.realServer })}
            </div>
          ) : null}
          {h.decisive ? (
            <div className="hdr-rule" data-testid="header.rule" title={t('header.rule')}>
              {h.decisive.line}
            </div>
          ) : null}
          <div className="hdr-foot">
            {h.kind === 'netfilter' ? <span>{t('header.rules', { n: h.cost.rules })}</span> : null}
            {h.cost.hashLookups || h.cost.contextSwitches || h.cost.copies ? (
              <span>{t('traffic.costLine', { rules: h.cost.rules, hash: h.cost.hashLookups, cs: h.cost.contextSwitches, copies: h.cost.copies })}</span>
            ) : null}
          </div>
        </div>
        {node && matched ? <RuleExcerpt hop={h} node={node} /> : null}
        <p className="pi-explain muted">{t('svc.insp.portExplain')}</p>
      </div>
    </div>
  )
})
