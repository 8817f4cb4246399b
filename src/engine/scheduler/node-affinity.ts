import type { Node, PodSpec } from '../api/types'
import { requirementMatches, type Operator } from '../api/selector'

/**
 * Node selection as NodeAffinity reads it (`component-helpers/scheduling/corev1/nodeaffinity`):
 * `spec.nodeSelector` (every label must equal) AND the required node selector terms (ORed;
 * inside a term, expressions and fields are ANDed). Preferred terms score their weight.
 */
export interface NodeSelectorRequirement {
  key: string
  operator: string
  values?: string[]
}
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[]
  matchFields?: NodeSelectorRequirement[]
}
interface NodeAffinitySpec {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] }
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[]
}

function nodeAffinity(spec: PodSpec): NodeAffinitySpec | undefined {
  return spec.affinity?.nodeAffinity as NodeAffinitySpec | undefined
}

/** True when NodeAffinity's Filter has anything to check (its PreFilter returns Skip otherwise). */
export function hasRequiredNodeSelection(spec: PodSpec): boolean {
  return !!spec.nodeSelector || !!nodeAffinity(spec)?.requiredDuringSchedulingIgnoredDuringExecution
}

/** `RequiredNodeAffinity.Match`. */
export function matchesRequiredNodeAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {}
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false
  const required = nodeAffinity(spec)?.requiredDuringSchedulingIgnoredDuringExecution
  if (!required) return true
  // Terms are ORed; a term that does not parse never matches (the Filter ignores parse errors).
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node) === true)
}

/** The preferred terms, with zero weights and empty terms dropped (`NewPreferredSchedulingTerms`). */
export function preferredTerms(spec: PodSpec): { weight: number; preference: NodeSelectorTerm }[] {
  const terms = nodeAffinity(spec)?.preferredDuringSchedulingIgnoredDuringExecution ?? []
  return terms.filter((t) => t.weight && !isEmpty(t.preference ?? {}))
}

/** NodeAffinity's raw score: Σ weight of the preferred terms the node matches. */
export function preferredAffinityScore(terms: { weight: number; preference: NodeSelectorTerm }[], node: Node): number {
  let score = 0
  for (const t of terms) if (termMatches(t.preference, node) === true) score += t.weight
  return score
}

function isEmpty(t: NodeSelectorTerm): boolean {
  return !t.matchExpressions?.length && !t.matchFields?.length
}

/** A term: true / false, or 'invalid' when a requirement does not parse (`nodeSelectorRequirementsAsSelector`). */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean | 'invalid' {
  if (isEmpty(term)) return false
  const labels = node.metadata.labels ?? {}
  for (const r of term.matchExpressions ?? []) {
    const op = OPERATORS[r.operator]
    const values = r.values ?? []
    if (!op || !validValues(op, values)) return 'invalid'
    if (!requirementMatches({ key: r.key, operator: op, values }, labels)) return false
  }
  for (const r of term.matchFields ?? []) {
    // Only metadata.name with In/NotIn and one value is a valid field requirement.
    if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn') || r.values?.length !== 1) return 'invalid'
    const fields = { 'metadata.name': node.metadata.name ?? '' }
    if (!requirementMatches({ key: r.key, operator: r.operator, values: r.values }, fields)) return false
  }
  return true
}

const OPERATORS: Record<string, Operator> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
  Gt: 'GreaterThan',
  Lt: 'LessThan',
}

function validValues(op: Operator, values: string[]): boolean {
  switch (op) {
    case 'In':
    case 'NotIn':
      return values.length > 0
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0
    default:
      // Gt/Lt: exactly one integer.
      return values.length === 1 && /^[+-]?[0-9]+$/.test(values[0])
  }
}
