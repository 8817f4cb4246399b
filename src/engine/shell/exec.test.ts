import { describe, expect, it } from 'vitest'
import { podYaml, proxyCluster, serviceYaml, webSetup } from '../net/dataplane/testing'
import { iptablesSave } from '../proxy/iptables/save'
import { VIRTUAL_EPOCH_MS } from '../clock'
import { execInPod, execInPodArgv, execOnNode } from './exec'

const t = proxyCluster()
t.apply(webSetup({ type: 'NodePort' }) + '---\n' + podYaml('bb', 'node-2', { app: 'bb' }, { image: 'busybox:1.37', command: ['sleep', '3600'] }))
const node = (line: string) => execOnNode(t.dp, 'node-1', line)
const pod = (line: string, name = 'client') => execInPod(t.dp, 'default', name, undefined, line)
const webIP = (): string => t.c.api.peek('services', 'default', 'web')!.spec.clusterIP

describe('node shell: the tables the tracer walks', () => {
  it('iptables-save prints the kernel tables with the save header', () => {
    const r = node('iptables-save -t nat')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(iptablesSave(t.proxies.get('node-1')!.kernel.iptables, { table: 'nat', now: VIRTUAL_EPOCH_MS + t.c.now() }))
    expect(r.stdout).toContain(`-A KUBE-SERVICES -d ${webIP()}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G`)
  })

  it('iptables -L --line-numbers numbers the rules the way a hop refers to them', () => {
    // The DNS query to kube-dns is DNATed first (phase 'dns'); the request's own DNAT follows.
    const hops = t.trace({ from: 'pod', namespace: 'default', pod: 'web-1', url: 'http://web' }).hops
    expect(hops.find((h) => h.change?.kind === 'DNAT')!.phase).toBe('dns')
    const hop = hops.find((h) => h.phase === 'request' && h.change?.kind === 'DNAT')!
    const out = node(`iptables -t nat -L ${hop.decisive!.chain} -n --line-numbers`).stdout.split('\n')
    expect(out[0]).toBe(`Chain ${hop.decisive!.chain} (1 references)`)
    expect(out[1]).toBe('num  target     prot opt source               destination         ')
    expect(out[1 + hop.decisive!.index]).toMatch(new RegExp(`^${hop.decisive!.index} +DNAT +tcp +-- +0\\.0\\.0\\.0/0 +0\\.0\\.0\\.0/0 +/\\* default/web \\*/ tcp to:10\\.244\\.[12]\\.\\d+:8080$`))
  })

  it('iptables -S and without -n', () => {
    expect(node('iptables -t nat -S KUBE-SVC-LOLE4ISW44XBNF3G').stdout.split('\n')[0]).toBe('-N KUBE-SVC-LOLE4ISW44XBNF3G')
    expect(node('iptables -t nat -L KUBE-SERVICES').stdout).toContain('anywhere             /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */')
    expect(node('iptables -t nat -L KUBE-SERVICES').stdout).toMatch(/tcp dpt:http$/m)
  })

  it('errors as iptables prints them', () => {
    expect(node('iptables -t nat -L NOPE')).toEqual({ code: 1, stdout: '', stderr: 'iptables: No chain/target/match by that name.\n' })
    expect(node('iptables -t foo -L').code).toBe(3)
    expect(node('iptables -t foo -L').stderr).toContain("can't initialize iptables table `foo': Table does not exist")
  })

  it('ipvsadm on an iptables node: the empty table; ipset: no sets', () => {
    expect(node('ipvsadm -Ln').stdout).toBe('IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n')
    expect(node('ipset list KUBE-CLUSTER-IP')).toEqual({ code: 1, stdout: '', stderr: 'ipset v7.15: The set with the given name does not exist\n' })
  })

  it('conntrack -L shows the DNAT of the last connection, with the summary on stderr', () => {
    const r = t.trace({ from: 'node', node: 'node-1', url: `http://${webIP()}` })
    const port = r.response.local!.port
    const out = node(`conntrack -L -d ${webIP()} --sport ${port}`)
    expect(out.stdout).toMatch(new RegExp(`^tcp {6}6 120 TIME_WAIT src=172\\.18\\.0\\.2 dst=${webIP().replace(/\./g, '\\.')} sport=${port} dport=80 src=10\\.244\\.[12]\\.2 dst=(172\\.18\\.0\\.2|10\\.244\\.1\\.1) sport=8080 dport=${port} \\[ASSURED\\] mark=0 use=1\\n$`))
    expect(out.stderr).toBe('conntrack v1.4.6 (conntrack-tools): 1 flow entries have been shown.\n')
  })

  it('ip addr: no interface holds a ClusterIP in iptables mode; ip route has the other nodes\' pod ranges', () => {
    const addr = node('ip addr').stdout
    expect(addr).toContain('inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0')
    expect(addr).toContain('inet 10.244.1.1/24 brd 10.244.1.255 scope global cni0')
    expect(addr).not.toContain(webIP())
    expect(node('ip route').stdout).toContain('10.244.2.0/24 via 172.18.0.3 dev eth0 \n')
  })

  it('crictl ps lists the containers the runtime runs on the node', () => {
    const lines = node('crictl ps').stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^CONTAINER +IMAGE +CREATED +STATE +NAME +ATTEMPT +POD ID +POD +NAMESPACE$/)
    expect(lines.slice(1).map((l) => l.split(/ {3,}/)[7])).toEqual(['web-1'])
    expect(lines[1]).toMatch(/^[0-9a-f]{13} {7}[0-9a-f]{13} {7}(Less than a second|\d+ seconds?) ago +Running +c +0 +[0-9a-f]{13} +web-1 +default$/)
  })

  it('nslookup of a Service name fails on a node, unless asked of the cluster DNS', () => {
    expect(node('nslookup web')).toMatchObject({ code: 1, stdout: "Server:\t\t8.8.8.8\nAddress:\t8.8.8.8#53\n\n** server can't find web: NXDOMAIN\n\n" })
    expect(node('nslookup web.default.svc.cluster.local 10.96.0.10').stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${webIP()}\n\n`)
    expect(node('dig +short @10.96.0.10 web.default.svc.cluster.local').stdout).toBe(`${webIP()}\n`)
    const full = node('dig @10.96.0.10 web.default.svc.cluster.local').stdout
    expect(full).toContain(';; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1')
    expect(full).toContain(`web.default.svc.cluster.local.\t30\tIN\tA\t${webIP()}`)
  })

  it('pipes, sequences and unknown commands', () => {
    expect(node('iptables-save | grep -c KUBE-SEP-').stdout).toMatch(/^\d+\n$/)
    expect(node('iptables-save -t nat | grep "default/web cluster IP" | wc -l').stdout).toBe('2\n')
    expect(node('foo --bar')).toEqual({ code: 127, stdout: '', stderr: 'sh: foo: not found\n' })
    expect(node('false && echo no; echo yes')).toEqual({ code: 0, stdout: 'yes\n', stderr: '' })
    expect(node('hostname; hostname -i').stdout).toBe('node-1\n172.18.0.2\n')
    expect(execOnNode(t.dp, 'node-9', 'hostname')).toEqual({ code: 1, stdout: '', stderr: 'error: host "node-9" not found\n' })
  })

  it('curl from a node to a NodePort on another node', () => {
    const np = t.c.api.peek('services', 'default', 'web')!.spec.ports[0].nodePort
    const r = node(`curl -s -o /dev/null -w '%{http_code} %{remote_ip}' http://172.18.0.4:${np}`)
    expect(r).toEqual({ code: 0, stdout: '200 172.18.0.4', stderr: '' })
  })
})

describe('pod shell', () => {
  it('curl by name prints the serving pod; curl errors use curl\'s own words', () => {
    expect(pod('curl -s http://web').stdout).toMatch(/^web-[12]\n$/)
    expect(pod('curl -s http://nope')).toEqual({ code: 6, stdout: '', stderr: '' })
    expect(pod('curl -sS http://nope')).toEqual({ code: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n' })
    const meter = pod('curl http://web').stderr.split('\n')
    expect(meter[0]).toBe('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current')
    expect(meter[2]).toMatch(/^100 {5}6  100 {5}6 {4}0 {5}0 +\d+ {6}0 --:--:-- --:--:-- --:--:-- +\d+$/)
  })

  it('two URLs on one command line share the connection (keep-alive): same pod', () => {
    const [a, b] = pod('curl -s http://web http://web').stdout.trim().split('\n')
    expect(a).toBe(b)
  })

  it('-v shows the resolution, the connection and the headers', () => {
    const err = pod('curl -sv http://web').stderr
    expect(err).toContain(`* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: ${webIP()}\n*   Trying ${webIP()}:80...\n* Connected to web (${webIP()}) port 80\n`)
    expect(err).toContain('> GET / HTTP/1.1\n> Host: web\n> User-Agent: curl/8.11.1\n> Accept: */*\n')
    expect(err).toContain('< HTTP/1.1 200 OK\n')
  })

  it('busybox has wget and nslookup, not curl', () => {
    expect(pod('curl http://web', 'bb')).toEqual({ code: 127, stdout: '', stderr: 'sh: curl: not found\n' })
    expect(pod('wget -qO- http://web', 'bb').stdout).toMatch(/^web-[12]\n$/)
    expect(pod('wget -qO- http://nope', 'bb')).toEqual({ code: 1, stdout: '', stderr: "wget: bad address 'nope'\n" })
    expect(pod('nslookup web', 'bb').stdout).toBe(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${webIP()}\n\n`)
  })

  it('resolv.conf, hosts file and ip addr of the pod', () => {
    expect(pod('cat /etc/resolv.conf').stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    // node-3's pod range; a CoreDNS pod may already hold an address in it.
    const ip = t.c.api.peek('pods', 'default', 'client')!.status.podIP as string
    expect(ip).toMatch(/^10\.244\.3\.\d+$/)
    expect(pod('cat /etc/hosts').stdout).toMatch(new RegExp(`\\n${ip.replace(/\./g, '\\.')}\\tclient\\n$`))
    expect(pod('ip addr show eth0').stdout).toContain(`inet ${ip}/24 brd 10.244.3.255 scope global eth0`)
    expect(pod('ip route').stdout).toBe(`default via 10.244.3.1 dev eth0 \n10.244.3.0/24 dev eth0 proto kernel scope link src ${ip} \n`)
    expect(pod('cat /etc/shadow', 'bb').stderr).toBe("cat: can't open '/etc/shadow': No such file or directory\n")
  })

  it('env has the Service variables of the Services that existed when the container started', () => {
    const env = pod('env').stdout
    expect(env).toContain(`WEB_SERVICE_HOST=${webIP()}\nWEB_SERVICE_PORT=80\nWEB_PORT=tcp://${webIP()}:80\nWEB_PORT_80_TCP=tcp://${webIP()}:80\n`)
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1\nKUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\n')
    expect(pod('echo $HOSTNAME $WEB_SERVICE_PORT').stdout).toBe('client 80\n')
    t.c.advance(2000)
    t.apply(serviceYaml('later', { selector: { app: 'web' } }))
    expect(pod('env').stdout).not.toContain('LATER_SERVICE_HOST')
    expect(pod('printenv LATER_SERVICE_HOST')).toEqual({ code: 1, stdout: '', stderr: '' })
  })

  it('exec errors as kubectl shows them', () => {
    expect(execInPod(t.dp, 'default', 'ghost', undefined, 'true')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "ghost" not found\n' })
    expect(execInPod(t.dp, 'default', 'client', 'nope', 'true').stderr).toBe('Error from server (BadRequest): container nope is not valid for pod client\n')
    expect(pod("sh -c 'echo one; echo two | wc -l'")).toEqual({ code: 0, stdout: 'one\n1\n', stderr: '' })
  })
})

describe('the host outside the cluster', () => {
  it('reaches node ports, not ClusterIPs', () => {
    const np = t.c.api.peek('services', 'default', 'web')!.spec.ports[0].nodePort
    expect(execOnNode(t.dp, 'external', `curl -s http://172.18.0.2:${np}`).stdout).toMatch(/^web-[12]\n$/)
    expect(execOnNode(t.dp, 'external', `curl -sS -m 1 http://${webIP()}`)).toEqual({ code: 28, stdout: '', stderr: 'curl: (28) Connection timed out after 1001 milliseconds\n' })
  })
})

describe('kubectl exec argv', () => {
  it('passes the words after -- unchanged (a pipeline needs sh -c)', () => {
    expect(execInPodArgv(t.dp, 'default', 'client', undefined, ['sh', '-c', 'echo a b | wc -w; echo "x  y"']).stdout).toBe('2\nx  y\n')
    expect(execInPodArgv(t.dp, 'default', 'client', undefined, ['echo', 'a|b', '$HOME']).stdout).toBe('a|b $HOME\n')
    expect(execInPodArgv(t.dp, 'default', 'client', undefined, []).stderr).toBe('error: you must specify at least one command for the container\n')
  })
})

describe('container files through the kubelet runtime', () => {
  it('touch, ls and cat act on the container\'s own filesystem', () => {
    expect(pod('touch /tmp/healthy && cat /tmp/healthy && echo there', 'bb')).toEqual({ code: 0, stdout: 'there\n', stderr: '' })
    expect(pod('cat /tmp/nope', 'bb')).toEqual({ code: 1, stdout: '', stderr: "cat: can't open '/tmp/nope': No such file or directory\n" })
    expect(pod('cat /etc/hostname', 'bb').stdout).toBe('bb\n')
  })
})
