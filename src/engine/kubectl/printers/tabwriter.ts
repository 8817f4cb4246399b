/**
 * Go's `text/tabwriter` (elastic tabstops), ported for the two configurations kubectl uses:
 *
 * - tables (`printers.GetNewTabWriter`): minwidth 6, tabwidth 4, padding 3, padchar ' '
 *   (kubectl passes `RememberWidths`, which only matters across flushes inside one table; we
 *   flush each table once, so it has no effect here);
 * - describe (`describe.tabbedString`): minwidth 0, tabwidth 8, padding 2, padchar ' '.
 *
 * Semantics kept exactly, because column alignment depends on them:
 * - a cell is text terminated by '\t'; the last cell of a line is not part of any column and
 *   is never padded;
 * - a column *block* is a run of consecutive lines that all have a cell in that column; each
 *   block is aligned on its own (this is how `describe` output realigns after `Containers:`);
 * - width = max(minwidth, widest cell + padding), measured in runes (utf8.RuneCount);
 * - a line with a single cell flushes everything before it (Write's `ncells == 1` rule).
 *
 * @example
 *   const w = new TabWriter(TABLE)
 *   w.write('NAME\tAGE\nweb\t5s\n')
 *   w.flush() // 'NAME   AGE\nweb    5s\n'
 */
export interface TabWriterConfig {
  minwidth: number
  tabwidth: number
  padding: number
  padchar: string
}

/** `printers.GetNewTabWriter` (kubectl `pkg/printers/tabwriter.go`). */
export const TABLE: TabWriterConfig = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ' }
/** `tabbedString` in kubectl `pkg/describe/describe.go`: `Init(buf, 0, 8, 2, ' ', 0)`. */
export const DESCRIBE: TabWriterConfig = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ' }

interface Cell {
  text: string
  width: number
}

const runeCount = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

export class TabWriter {
  private lines: Cell[][] = [[]]
  private cell = ''
  private out = ''
  private widths: number[] = []

  constructor(private readonly cfg: TabWriterConfig) {}

  write(text: string): void {
    let start = 0
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue
      this.cell += text.slice(start, i)
      start = i + 1
      const ncells = this.terminateCell()
      if (ch === '\n' || ch === '\f') {
        this.lines.push([])
        // A line with one cell cannot influence the alignment of later lines: flush.
        if (ch === '\f' || ncells === 1) this.flushInternal()
      }
    }
    this.cell += text.slice(start)
  }

  /** Format everything buffered and return all output produced since the last call. */
  flush(): string {
    this.flushInternal()
    const s = this.out
    this.out = ''
    return s
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1]
    line.push({ text: this.cell, width: runeCount(this.cell) })
    this.cell = ''
    return line.length
  }

  private flushInternal(): void {
    if (this.cell.length > 0) this.terminateCell()
    this.format(0, this.lines.length)
    this.lines = [[]]
    this.widths = []
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.lines[cur].length - 1) continue
      // A cell exists in this column: print the lines above, then measure the block.
      this.writeLines(line0, cur)
      line0 = cur
      let width = this.cfg.minwidth
      for (; cur < line1; cur++) {
        const line = this.lines[cur]
        if (column >= line.length - 1) break
        width = Math.max(width, line[column].width + this.cfg.padding)
      }
      this.widths.push(width)
      this.format(line0, cur)
      this.widths.pop()
      line0 = cur
    }
    this.writeLines(line0, line1)
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]
      line.forEach((c, j) => {
        this.out += c.text
        if (j < this.widths.length) this.out += this.cfg.padchar.repeat(Math.max(0, this.widths[j] - c.width))
      })
      // The last buffered line is the unterminated one: no newline after it.
      if (i + 1 < this.lines.length) this.out += '\n'
    }
  }
}

/** Run `fn` against a fresh tabwriter and return the aligned text. */
export function tabbed(cfg: TabWriterConfig, fn: (w: TabWriter) => void): string {
  const w = new TabWriter(cfg)
  fn(w)
  return w.flush()
}
