import { describe, expect, it } from 'vitest'
import { kubectlHarness } from './testing'

describe('runKubectl dispatch', () => {
  const h = kubectlHarness()

  it('accepts a leading "kubectl" and global flags before the verb', () => {
    expect(h.k('kubectl -n kube-system get ns kube-system -o name').stdout).toBe('namespace/kube-system\n')
    expect(h.k('--namespace=kube-system get pods').stderr).toBe('No resources found in kube-system namespace.\n')
  })

  it('unknown command with suggestions', () => {
    expect(h.k('gte pods')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n',
    })
    expect(h.k('frobnicate').stderr).toBe('error: unknown command "frobnicate" for "kubectl"\n')
  })

  it('help', () => {
    expect(h.k('').stdout).toContain('kubectl controls the Kubernetes cluster manager.')
    expect(h.k('get --help')).toMatchObject({ code: 0, stderr: '' })
    expect(h.k('get -h').stdout).toContain('Usage:\n  kubectl get')
  })

  it('shell operators are refused clearly', () => {
    const r = h.k('get pods | grep web')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe("error: the playground's kubectl runs without a shell, so '|' (pipes, redirections, command lists) is not supported; run one kubectl command at a time\n")
  })
})

// Hostile and malformed input must never throw out of runKubectl: it always answers like kubectl
// (or like bash, for a line bash itself would reject). [line, stdin, exit code, exact stderr]
const CORPUS: [string, string | undefined, number, string][] = [
  ["\"", undefined, 2, "bash: unexpected EOF while looking for matching `\"'\n"],
  ["'unterminated", undefined, 2, "bash: unexpected EOF while looking for matching `''\n"],
  ["get pods -l \"app in (web\"", undefined, 1, "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"app in (web\", field selector \"\": unable to parse requirement: found '', expected: ',' or ')'\n"],
  ["get pods -l ==", undefined, 1, "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"==\", field selector \"\": found '==', expected: !, identifier, or 'end of string'\n"],
  ["get pods -l \"a!=b,,c\"", undefined, 1, "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"a!=b,,c\", field selector \"\": found ',', expected: identifier after ','\n"],
  ["get ,,,", undefined, 0, "No resources found in default namespace.\n"],
  ["get pods//x", undefined, 1, "error: arguments in resource/name form may not have more than one slash\n"],
  ["get /x", undefined, 1, "error: arguments in resource/name form must have a single resource and name\n"],
  ["get pods -o", undefined, 1, "error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n"],
  ["get pods -o jsonpath={.items}", undefined, 0, ""],
  ["get pods --sort-by={.metadata.name", undefined, 0, "No resources found in default namespace.\n"],
  ["get pods -n", undefined, 1, "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
  ["get pods -n \"\"", undefined, 0, "No resources found in default namespace.\n"],
  ["describe", undefined, 1, "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n"],
  ["describe foo bar baz", undefined, 1, "error: the server doesn't have a resource type \"foo\"\n"],
  ["delete --all", undefined, 1, "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
  ["delete pods --grace-period=abc", undefined, 1, "error: invalid argument \"abc\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\nSee 'kubectl delete --help' for usage.\n"],
  ["scale", undefined, 1, "error: required flag(s) \"replicas\" not set\n"],
  ["scale rs --replicas=1", undefined, 1, "error: resource(s) were provided, but no name was specified\n"],
  ["create", undefined, 1, "Error: must specify one of -f and -k\n\nCreate a resource from a file or from stdin.\n\nAvailable Commands:\n  namespace   Create a namespace with the specified name\n\nUsage:\n  kubectl create -f FILENAME [flags]\n"],
  ["create foo", undefined, 1, "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n"],
  ["apply -f -", ":", 1, "error: error validating \"STDIN\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n"],
  ["apply -f -", "- a\n- b\n", 1, "error: error validating \"STDIN\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n"],
  ["apply -f -", "just a string", 1, "error: error validating \"STDIN\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n"],
  ["apply -f -", "42", 1, "error: error validating \"STDIN\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n"],
  ["apply -f -", "apiVersion: v1\nkind: Pod\n", 1, "error: error when retrieving current configuration of:\nResource: \"/v1, Resource=pods\", GroupVersionKind: \"/v1, Kind=Pod\"\nName: \"\", Namespace: \"default\"\nfrom server for: \"STDIN\": resource name may not be empty\n"],
  ["apply -f -", "apiVersion: v1\nkind: Pod\nmetadata: 5\n", 1, "error: error when retrieving current configuration of:\nResource: \"/v1, Resource=pods\", GroupVersionKind: \"/v1, Kind=Pod\"\nName: \"\", Namespace: \"default\"\nfrom server for: \"STDIN\": resource name may not be empty\n"],
  ["apply -f -", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec: []\n", 1, "The Pod \"p\" is invalid: spec.containers: Required value\n"],
  ["apply -f -", "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: r\nspec:\n  replicas: \"many\"\n", 1, "The ReplicaSet \"r\" is invalid: \n* spec.replicas: Invalid value: \"many\": must be greater than or equal to 0\n* spec.selector: Required value\n* spec.template: Required value\n"],
  ["apply -f -", "a: &x [*x]\n", 1, "error: error validating \"STDIN\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n"],
  ["apply -f -", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ../../etc\n", 1, "The Namespace \"../../etc\" is invalid: \n* metadata.name: Invalid value: \"../../etc\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n* metadata.labels: Invalid value: \"../../etc\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n"],
  ["apply -f -", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"json-ns\"}}", 0, ""],
  ["apply -f -", "---\n---\n", 1, "error: no objects passed to apply\n"],
  ["apply -f -", undefined, 1, "error: no objects passed to apply\n"],
  ["create -f -", "\u0000\u0001", 1, "error: error validating \"STDIN\": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n"],
  ["get pods -- --all", undefined, 1, "Error from server (NotFound): pods \"--all\" not found\n"],
  ["-x", undefined, 1, "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl --help' for usage.\n"],
  ['get pods ' + 'a'.repeat(300), undefined, 1, `Error from server (NotFound): pods "${'a'.repeat(300)}" not found
`],
]

describe('bad-input corpus', () => {
  it.each(CORPUS)('%j (stdin %j) → exit %i with kubectl\'s text', (line, stdin, code, stderr) => {
    const r = kubectlHarness().k(line, stdin)
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr })
  })

  it('a non-list spec.containers is a decode error, not a JS error', () => {
    const r = kubectlHarness().k('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: 3\n')
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type []v1.Container\n',
    )
  })
})
