/**
 * Shell arithmetic (`$((i + 1))`, `expr 3 \* 4`): integers with `+ - * / %`, comparisons,
 * `&& || !`, parentheses; a name is its variable's value (0 when unset or not a number).
 * A malformed expression is 0 (sh would print an error; nothing here depends on it).
 */
export function arith(expr: string, lookup: (name: string) => string | undefined): number {
  const toks = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_][A-Za-z0-9_]*|&&|\|\||==|!=|<=|>=|[-+*/%()<>!]/g) ?? []
  let i = 0
  const value = (name: string) => {
    const v = lookup(name.replace(/^\$/, ''))
    const n = v === undefined ? 0 : Number.parseInt(v, 10)
    return Number.isNaN(n) ? 0 : n
  }
  const BIN: Record<string, [number, (a: number, b: number) => number]> = {
    '||': [1, (a, b) => (a || b ? 1 : 0)],
    '&&': [2, (a, b) => (a && b ? 1 : 0)],
    '==': [3, (a, b) => (a === b ? 1 : 0)],
    '!=': [3, (a, b) => (a !== b ? 1 : 0)],
    '<': [4, (a, b) => (a < b ? 1 : 0)],
    '>': [4, (a, b) => (a > b ? 1 : 0)],
    '<=': [4, (a, b) => (a <= b ? 1 : 0)],
    '>=': [4, (a, b) => (a >= b ? 1 : 0)],
    '+': [5, (a, b) => a + b],
    '-': [5, (a, b) => a - b],
    '*': [6, (a, b) => a * b],
    '/': [6, (a, b) => (b === 0 ? 0 : Math.trunc(a / b))],
    '%': [6, (a, b) => (b === 0 ? 0 : a % b)],
  }
  const unary = (): number => {
    const t = toks[i++]
    if (t === undefined) return 0
    if (t === '-') return -unary()
    if (t === '+') return unary()
    if (t === '!') return unary() ? 0 : 1
    if (t === '(') {
      const v = binary(0)
      i++ // ')'
      return v
    }
    return /^\d+$/.test(t) ? Number(t) : value(t)
  }
  const binary = (min: number): number => {
    let left = unary()
    for (;;) {
      const op = BIN[toks[i] ?? '']
      if (!op || op[0] <= min) return left
      i++
      left = op[1](left, binary(op[0]))
    }
  }
  return binary(0) | 0
}
