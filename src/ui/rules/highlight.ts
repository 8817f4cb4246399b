/**
 * Which lines of a node's printed tables a hop matched: the iptables rules it walked (its
 * decisive one — the DNAT, REDIRECT, MASQUERADE — strongest) found verbatim in
 * `iptables-save`'s block for their table, and for an IPVS hop the virtual server and the real
 * server IPVS picked in `ipvsadm -Ln`. Pure text matching: the tracer records each rule exactly
 * as `iptables-save` prints it (RuleRef.line), so what is highlighted is what matched.
 */
import type { Hop, RulesSection } from '../../protocol'

export type Mark = 'decisive' | 'matched'

/** Section index → line index → mark. */
export type Marks = Map<number, Map<number, Mark>>

function tableRange(lines: readonly string[], table: string): [number, number] {
  const start = lines.indexOf(`*${table}`)
  if (start < 0) return [0, lines.length]
  let end = lines.indexOf('COMMIT', start)
  if (end < 0) end = lines.length
  return [start, end]
}

function mark(m: Marks, s: number, l: number, kind: Mark): void {
  let sec = m.get(s)
  if (!sec) m.set(s, (sec = new Map()))
  if (sec.get(l) !== 'decisive') sec.set(l, kind)
}

/** `TCP 10.96.0.12:80 rr` → the ipvsadm service line `TCP  10.96.0.12:80 rr…`. */
function isVirtualServerLine(line: string, vs: string): boolean {
  const [proto, addr] = vs.trim().split(/\s+/)
  const cols = line.trim().split(/\s+/)
  return !line.startsWith(' ') && cols[0] === proto && cols[1] === addr
}

export function hopMarks(sections: readonly RulesSection[], hop: Hop | undefined): Marks {
  const marks: Marks = new Map()
  if (!hop) return marks
  sections.forEach((sec, s) => {
    const lines = sec.text.split('\n')
    if (sec.command.startsWith('iptables-save')) {
      for (const ref of hop.rules ?? []) {
        const [a, b] = tableRange(lines, ref.table)
        const i = lines.indexOf(ref.line, a)
        if (i >= 0 && i < b) mark(marks, s, i, 'matched')
      }
      const d = hop.decisive
      if (d) {
        const [a, b] = tableRange(lines, d.table)
        const i = lines.indexOf(d.line, a)
        if (i >= 0 && i < b) mark(marks, s, i, 'decisive')
      }
    } else if (sec.command.startsWith('ipvsadm') && hop.ipvs) {
      const vsLine = lines.findIndex((l) => isVirtualServerLine(l, hop.ipvs!.virtualServer))
      if (vsLine < 0) return
      mark(marks, s, vsLine, 'matched')
      const rs = hop.ipvs.realServer
      if (!rs) return
      for (let i = vsLine + 1; i < lines.length && lines[i].startsWith('  ->'); i++) if (lines[i].trim().split(/\s+/)[1] === rs) mark(marks, s, i, 'decisive')
    }
  })
  return marks
}

/** The line to scroll to: the decisive one if any, else the first matched. */
export function firstMark(marks: Marks): { section: number; line: number } | undefined {
  let best: { section: number; line: number; d: boolean } | undefined
  for (const [section, lines] of marks)
    for (const [line, m] of lines) {
      const d = m === 'decisive'
      if (!best || (d && !best.d) || (d === best.d && (section < best.section || (section === best.section && line < best.line)))) best = { section, line, d }
    }
  return best && { section: best.section, line: best.line }
}
