/**
 * Reading kubectl's error output (what `kubectl apply -f -` printed on stderr) back into
 * structured errors the editor can put on lines. The texts are kubectl's own (`cmdutil.CheckErr`
 * and the API server's `NewInvalid`), so their shapes are fixed:
 *
 *   The Deployment "web" is invalid: spec.template.spec.containers[0].image: Required value
 *   The Deployment "web" is invalid: \n* spec.replicas: Invalid value: -1: …\n* spec.selector: Required value
 *   error: error parsing STDIN: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context
 *   error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose …
 *   error: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"
 *   Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found
 */
export type ApplyError =
  /** One field cause of an Invalid error: `field` is the API field path (`spec.ports[0].port`). */
  | { type: 'field'; kind: string; name: string; field: string; text: string }
  /** A YAML syntax error, at a line of the failing document. */
  | { type: 'yaml'; line: number; text: string }
  /** A document kubectl could not use (no apiVersion/kind, unknown kind). */
  | { type: 'document'; kind?: string; name?: string; text: string }
  /** A namespace that does not exist. */
  | { type: 'namespace'; namespace: string; text: string }

const INVALID = /^The (\S+) "([^"]*)" is invalid: ?(.*)$/

export function parseApplyErrors(stderr: string): ApplyError[] {
  const out: ApplyError[] = []
  const lines = stderr.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const inv = INVALID.exec(line)
    if (inv) {
      const [, kind, name, rest] = inv
      const causes = rest ? [rest] : []
      // Several causes follow as `* ` bullets (kubectl's MultilineError).
      while (!rest && i + 1 < lines.length && lines[i + 1].startsWith('* ')) causes.push(lines[++i].slice(2))
      for (const c of causes) {
        const field = fieldOf(c)
        if (field) out.push({ type: 'field', kind, name, field, text: c })
      }
      continue
    }
    const yaml = /yaml: line (\d+): (.*)$/.exec(line)
    if (yaml) {
      out.push({ type: 'yaml', line: Number(yaml[1]), text: `yaml: line ${yaml[1]}: ${yaml[2]}` })
      continue
    }
    const mapping = /resource mapping not found for name: "([^"]*)" .*no matches for kind "([^"]*)" in version "([^"]*)"/.exec(line)
    if (mapping) {
      out.push({ type: 'document', kind: mapping[2], name: mapping[1], text: `no matches for kind "${mapping[2]}" in version "${mapping[3]}"` })
      continue
    }
    const notSet = /error validating data: (\[.*\]|apiVersion not set|kind not set)/.exec(line)
    if (notSet) {
      out.push({ type: 'document', text: notSet[1].replace(/^\[|\]$/g, '') })
      continue
    }
    const ns = /namespaces "([^"]+)" not found/.exec(line)
    if (ns) out.push({ type: 'namespace', namespace: ns[1], text: `namespaces "${ns[1]}" not found` })
  }
  return out
}

/** The field path at the start of a cause: `spec.ports[0].port: Invalid value: …` → `spec.ports[0].port`. */
function fieldOf(cause: string): string | undefined {
  const m = /^([A-Za-z_$][\w$-]*(?:\[[^\]]*\]|\.[A-Za-z_$][\w$-]*)*):/.exec(cause)
  return m?.[1]
}

/**
 * An API field path as segments: `spec.containers[0].image` → ['spec', 'containers', 0, 'image'];
 * `metadata.labels[app.kubernetes.io/name]` → ['metadata', 'labels', 'app.kubernetes.io/name']
 * (apimachinery `field.Path.String()`: `.child`, `[index]`, `[key]`).
 */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  const re = /([^.[\]]+)|\[([^\]]*)\]/g
  let m: RegExpExecArray | null
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) out.push(m[1])
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2])
  }
  return out
}
