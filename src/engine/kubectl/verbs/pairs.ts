import { KubectlError } from '../errors'

/**
 * The `KEY=VALUE` / `KEY-` argument helpers kubectl's `label`, `annotate` and `set image`
 * share (kubectl `pkg/cmd/util/helpers.go`): `GetResourcesAndPairs` splits the arguments into
 * resources and pairs, `ParsePairs` reads the pairs.
 *
 * @example
 *   resourcesAndPairs(['pod', 'web', 'app=v2', 'tier-'], 'label') // { resources: ['pod','web'], pairs: ['app=v2','tier-'] }
 *   parsePairs(['app=v2', 'tier-'], 'label', true)                 // { set: {app:'v2'}, remove: ['tier'] }
 */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = []
  const pairs: string[] = []
  let foundPair = false
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-')
    if (nonResource) {
      foundPair = true
      pairs.push(s)
    } else if (!foundPair) resources.push(s)
    else throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`)
  }
  return { resources, pairs }
}

/**
 * `ParsePairs`: `k=v` sets (split at the first `=`), `k-` removes (when supported); anything
 * else is collected into `invalid <type> format: a, b`. Keys keep the order they were given.
 */
export function parsePairs(pairs: string[], pairType: string, supportRemove: boolean): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>()
  const remove: string[] = []
  const invalid: string[] = []
  for (const p of pairs) {
    if (p.includes('=') && p[0] !== '=') {
      const i = p.indexOf('=')
      set.set(p.slice(0, i), p.slice(i + 1))
    } else if (supportRemove && p.endsWith('-') && p !== '-') remove.push(p.slice(0, -1))
    else invalid.push(p)
  }
  if (invalid.length) throw new KubectlError(`invalid ${pairType} format: ${invalid.join(', ')}`)
  return { set, remove }
}
