/**
 * A fake MAAS region (API 2.0) on loopback: the subset `apply maas` and `import maas` use,
 * strict where MAAS is (maas-api.md): OAuth 1.0a PLAINTEXT checked against its one key
 * (401 text/plain otherwise, 400 for a non-integer timestamp), `op=` dispatch with MAAS's
 * "Unrecognised signature" 400, form-encoded bodies only (a JSON body reads as no fields),
 * Django-style 400 field errors as JSON, interface edits only when a machine is New, Ready,
 * Allocated, Broken or Failed testing and storage edits only when Ready (409 text/plain
 * otherwise), a new fabric with its untagged VLAN, bonds whose parents must share a VLAN and
 * be free, VLAN interfaces on their parent's fabric, links on the interface's VLAN only.
 */
import { cidrContains, cidrsOverlap, formatCidr, parseCidr, parseIp, rangesOverlap } from '../../src/model/cidr.js';
import { FakeServer, type FakeRequest, type FakeResponse, type ServerOptions } from './server.js';

export const API = '/MAAS/api/2.0';

export interface Vlan {
  id: number;
  vid: number;
  name: string;
  fabricId: number;
  mtu: number;
}
export interface Subnet {
  id: number;
  name: string;
  cidr: string;
  vlanId: number;
  gateway: string | null;
  managed: boolean;
}
export interface IpRange {
  id: number;
  type: 'dynamic' | 'reserved';
  start: string;
  end: string;
  subnetId: number;
  comment: string;
}
export interface Link {
  id: number;
  mode: string;
  subnetId: number;
}
export interface Iface {
  id: number;
  name: string;
  type: 'physical' | 'bond' | 'bridge' | 'vlan';
  mac: string;
  vlanId: number | null;
  parents: number[];
  params: Record<string, string | number | boolean>;
  links: Link[];
  speed: number;
}
export interface Partition {
  id: number;
  fstype: string;
  mountPoint: string;
}
export interface BlockDevice {
  id: number;
  name: string;
  size: number;
  model: string;
  serial: string;
  partitions: Partition[];
}
export interface NodeDevice {
  id: number;
  bus: number;
  hardwareType: number;
  vendorName: string;
  productName: string;
  driver: string;
  pciAddress: string;
}
export interface Machine {
  systemId: string;
  hostname: string;
  status: string;
  cpuCount: number;
  memory: number;
  zone: string;
  pool: string;
  domain: string;
  interfaces: Iface[];
  blockDevices: BlockDevice[];
  devices: NodeDevice[];
  bootDiskId: number | null;
  gatewayLinkId: number | null;
}
export interface MaasState {
  config: Record<string, string | boolean | number>;
  domains: Array<{ id: number; name: string; authoritative: boolean }>;
  pools: Array<{ id: number; name: string; description: string }>;
  zones: Array<{ id: number; name: string; description: string }>;
  fabrics: Array<{ id: number; name: string }>;
  vlans: Vlan[];
  subnets: Subnet[];
  ipranges: IpRange[];
  machines: Machine[];
}

const STATUS_CODES: Readonly<Record<string, number>> = { New: 0, Commissioning: 1, Ready: 4, Deployed: 6, Broken: 8, Deploying: 9, Allocated: 10, 'Failed testing': 22 };
const INTERFACE_STATES = ['New', 'Ready', 'Allocated', 'Broken', 'Failed testing'];
const BOND_MODES = ['balance-rr', 'active-backup', 'balance-xor', 'broadcast', '802.3ad', 'balance-tlb', 'balance-alb'];

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: string | Record<string, string[]>,
  ) {
    super(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }
}
const fields = (f: Record<string, string[]>): HttpError => new HttpError(400, f);
const required = (name: string): HttpError => fields({ [name]: ['This field is required.'] });
const notFound = (what: string): HttpError => new HttpError(404, `No ${what} matches the given query.`);

/** The initial state of a MAAS that has just commissioned its machines. */
export function emptyMaas(): MaasState {
  return {
    config: { enable_disk_erasing_on_release: false, maas_name: 'maas-lab', default_storage_layout: 'flat' },
    domains: [{ id: 0, name: 'maas', authoritative: true }],
    pools: [{ id: 0, name: 'default', description: 'Default pool' }],
    zones: [{ id: 1, name: 'default', description: '' }],
    fabrics: [{ id: 0, name: 'fabric-0' }],
    vlans: [{ id: 5001, vid: 0, name: 'untagged', fabricId: 0, mtu: 1500 }],
    subnets: [],
    ipranges: [],
    machines: [],
  };
}

export interface FakeMaasOptions {
  readonly key: string;
  readonly tls?: ServerOptions['tls'];
  readonly state?: MaasState;
}

export class FakeMaas {
  readonly state: MaasState;
  readonly server: FakeServer;
  /** Whether the key's user is a MAAS administrator (whoami). */
  admin = true;
  private nextId = 10_000;
  private readonly key: { consumer: string; token: string; secret: string };

  constructor(o: FakeMaasOptions) {
    const [consumer = '', token = '', secret = ''] = o.key.split(':');
    this.key = { consumer, token, secret };
    this.state = o.state ?? emptyMaas();
    this.server = new FakeServer((r) => this.handle(r), {
      ...(o.tls ? { tls: o.tls } : {}),
      errorBody: (_status, text) => ({ contentType: 'text/plain', body: text }),
    });
  }

  id(): number {
    return this.nextId++;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  get endpoint(): string {
    return `${this.server.url}/MAAS`;
  }

  // ---------------------------------------------------------------- auth

  private authenticate(r: FakeRequest): void {
    const h = r.headers['authorization'];
    if (typeof h !== 'string' || !h.startsWith('OAuth ')) throw new HttpError(401, 'Authorization Error: Invalid API key.');
    const params = new Map<string, string>();
    for (const m of h.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) params.set(m[1] as string, decodeURIComponent(m[2] as string));
    for (const p of ['oauth_consumer_key', 'oauth_token', 'oauth_signature', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce']) {
      if (!params.has(p)) throw new HttpError(401, 'Authorization Error: Invalid API key.');
    }
    if (!/^\d+$/.test(params.get('oauth_timestamp') ?? '')) throw new HttpError(400, 'Invalid timestamp.');
    if (params.get('oauth_signature_method') !== 'PLAINTEXT') throw new HttpError(401, 'Authorization Error: Invalid API key.');
    if (params.get('oauth_consumer_key') !== this.key.consumer || params.get('oauth_token') !== this.key.token || params.get('oauth_signature') !== `&${this.key.secret}`) {
      throw new HttpError(401, 'Authorization Error: Invalid API key.');
    }
  }

  // ---------------------------------------------------------------- rendering

  private vlanJson(id: number | null): unknown {
    const v = this.state.vlans.find((x) => x.id === id);
    if (!v) return null;
    const fabric = this.state.fabrics.find((f) => f.id === v.fabricId);
    return { id: v.id, vid: v.vid, name: v.name, mtu: v.mtu, fabric: fabric?.name ?? '', fabric_id: v.fabricId, dhcp_on: false, external_dhcp: null, primary_rack: null, secondary_rack: null, relay_vlan: null, space: 'undefined', resource_uri: `${API}/vlans/${v.id}/` };
  }
  private subnetJson(s: Subnet): unknown {
    return { id: s.id, name: s.name, cidr: s.cidr, vlan: this.vlanJson(s.vlanId), gateway_ip: s.gateway, managed: s.managed, dns_servers: [], rdns_mode: 2, allow_dns: true, allow_proxy: true, active_discovery: false, space: 'undefined', description: '', disabled_boot_architectures: [], resource_uri: `${API}/subnets/${s.id}/` };
  }
  private ifaceJson(m: Machine, i: Iface): unknown {
    const name = (id: number): string => m.interfaces.find((x) => x.id === id)?.name ?? '';
    return {
      id: i.id,
      name: i.name,
      type: i.type,
      mac_address: i.mac,
      vlan: this.vlanJson(i.vlanId),
      parents: i.parents.map(name),
      children: m.interfaces.filter((c) => c.parents.includes(i.id)).map((c) => c.name),
      params: i.params,
      links: i.links.map((l) => {
        const s = this.state.subnets.find((x) => x.id === l.subnetId);
        return { id: l.id, mode: l.mode, subnet: s ? this.subnetJson(s) : null };
      }),
      enabled: true,
      tags: [],
      interface_speed: i.speed,
      link_speed: i.speed,
      link_connected: true,
      effective_mtu: Number(i.params['mtu'] ?? 1500),
      system_id: m.systemId,
      resource_uri: `${API}/nodes/${m.systemId}/interfaces/${i.id}/`,
    };
  }
  private blockJson(m: Machine, b: BlockDevice): unknown {
    return {
      id: b.id,
      name: b.name,
      type: 'physical',
      path: `/dev/disk/by-dname/${b.name}`,
      id_path: `/dev/disk/by-id/wwn-${b.serial}`,
      model: b.model,
      serial: b.serial,
      size: b.size,
      block_size: 512,
      tags: ['ssd'],
      filesystem: null,
      partition_table_type: b.partitions.length ? 'GPT' : null,
      partitions: b.partitions.map((p) => ({ id: p.id, type: 'partition', filesystem: { fstype: p.fstype, mount_point: p.mountPoint, label: null, mount_options: null, uuid: `uuid-${p.id}` } })),
      system_id: m.systemId,
      resource_uri: `${API}/nodes/${m.systemId}/blockdevices/${b.id}/`,
    };
  }
  machineJson(m: Machine): unknown {
    const pool = this.state.pools.find((p) => p.name === m.pool);
    const zone = this.state.zones.find((z) => z.name === m.zone);
    const domain = this.state.domains.find((d) => d.name === m.domain);
    const boot = m.blockDevices.find((b) => b.id === m.bootDiskId);
    const gw = m.interfaces.flatMap((i) => i.links).find((l) => l.id === m.gatewayLinkId);
    const gwSubnet = gw ? this.state.subnets.find((s) => s.id === gw.subnetId) : undefined;
    return {
      system_id: m.systemId,
      hostname: m.hostname,
      fqdn: `${m.hostname}.${m.domain}`,
      domain: domain ? { id: domain.id, name: domain.name } : null,
      zone: zone ? { id: zone.id, name: zone.name, description: zone.description } : null,
      pool: pool ? { id: pool.id, name: pool.name, description: pool.description } : null,
      status: STATUS_CODES[m.status] ?? 0,
      status_name: m.status,
      architecture: 'amd64/generic',
      cpu_count: m.cpuCount,
      memory: m.memory,
      storage: m.blockDevices.reduce((a, b) => a + b.size / 1e6, 0),
      power_state: m.status === 'Deployed' ? 'on' : 'off',
      tag_names: [],
      interface_set: m.interfaces.map((i) => this.ifaceJson(m, i)),
      boot_interface: m.interfaces[0] ? this.ifaceJson(m, m.interfaces[0]) : null,
      blockdevice_set: m.blockDevices.map((b) => this.blockJson(m, b)),
      physicalblockdevice_set: m.blockDevices.map((b) => this.blockJson(m, b)),
      boot_disk: boot ? this.blockJson(m, boot) : null,
      default_gateways: { ipv4: { gateway_ip: gwSubnet?.gateway ?? null, link_id: m.gatewayLinkId }, ipv6: { gateway_ip: null, link_id: null } },
      resource_uri: `${API}/machines/${m.systemId}/`,
    };
  }

  // ---------------------------------------------------------------- dispatch

  private handle(r: FakeRequest): FakeResponse {
    const json = (body: unknown, changed = false, status = 200): FakeResponse => ({ status, body: JSON.stringify(body), changed });
    try {
      if (!r.path.startsWith(`${API}/`)) throw notFound('resource');
      const path = r.path.slice(API.length);
      if (r.method === 'GET' && path === '/version/') return json({ capabilities: ['networks-management', 'static-ipaddresses', 'devices-management', 'storage-deployment-ubuntu', 'network-deployment-ubuntu'], version: '3.6.0', subversion: '' });
      this.authenticate(r);
      // Form bodies only: any other body (JSON) reads as no fields at all, as Django sees it.
      const form = r.contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(r.body) : new URLSearchParams();
      const params = r.method === 'GET' || r.method === 'DELETE' ? r.query : form;
      const op = r.query.get('op') ?? form.get('op') ?? undefined;
      const result = this.route(r.method, path, op, params);
      if (result === undefined) throw new HttpError(400, `Unrecognised signature: method=${r.method} op=${op ?? 'None'}`);
      if (result.status === 204) return { status: 204, body: '', changed: true };
      if (typeof result.body === 'string') return { status: result.status ?? 200, headers: { 'Content-Type': 'text/plain' }, body: result.body, changed: r.method !== 'GET' };
      return json(result.body, r.method !== 'GET', result.status ?? 200);
    } catch (e) {
      if (e instanceof HttpError) {
        if (typeof e.payload === 'string') return { status: e.status, headers: { 'Content-Type': 'text/plain' }, body: e.payload };
        return json(e.payload, false, e.status);
      }
      throw e;
    }
  }

  private route(method: string, path: string, op: string | undefined, p: URLSearchParams): { status?: number; body: unknown } | undefined {
    const s = this.state;
    let m: RegExpExecArray | null;
    const ok = (body: unknown): { body: unknown } => ({ body });
    if (path === '/users/' && method === 'GET' && op === 'whoami') return ok({ username: this.admin ? 'admin' : 'operator', email: 'admin@example.com', is_superuser: this.admin, is_local: true });
    if (path === '/maas/') {
      if (method === 'GET' && op === 'get_config') {
        const name = p.get('name');
        if (!name) throw required('name');
        return ok(s.config[name] ?? null);
      }
      if (method === 'POST' && op === 'set_config') {
        const name = p.get('name');
        const value = p.get('value');
        if (!name) throw required('name');
        if (value === null) throw required('value');
        if (name === 'enable_disk_erasing_on_release') {
          if (!['true', 'false', '1', '0'].includes(value)) throw fields({ value: ['Enter a valid boolean.'] });
          s.config[name] = value === 'true' || value === '1';
        } else s.config[name] = value;
        return ok('OK');
      }
      return undefined;
    }
    if (path === '/domains/') {
      if (method === 'GET' && op === undefined) return ok(s.domains.map((d) => ({ id: d.id, name: d.name, authoritative: d.authoritative, ttl: null, is_default: d.id === 0, resource_record_count: 0 })));
      if (method === 'POST' && op === undefined) {
        const name = this.need(p, 'name');
        if (s.domains.some((d) => d.name === name)) throw fields({ name: ['Domain with this Name already exists.'] });
        const d = { id: this.id(), name, authoritative: p.get('authoritative') !== 'false' };
        s.domains.push(d);
        return ok({ ...d, ttl: null, is_default: false });
      }
      return undefined;
    }
    if (path === '/resourcepools/' || path === '/zones/') {
      const list = path === '/zones/' ? s.zones : s.pools;
      const what = path === '/zones/' ? 'Physical zone' : 'Resource pool';
      if (method === 'GET' && op === undefined) return ok(list.map((x) => ({ ...x, resource_uri: `${API}${path}${x.id}/` })));
      if (method === 'POST' && op === undefined) {
        const name = this.need(p, 'name');
        if (list.some((x) => x.name === name)) throw fields({ name: [`${what} with this Name already exists.`] });
        const x = { id: this.id(), name, description: p.get('description') ?? '' };
        list.push(x);
        return ok(x);
      }
      return undefined;
    }
    if (path === '/fabrics/') {
      if (method === 'GET' && op === undefined) return ok(s.fabrics.map((f) => ({ id: f.id, name: f.name, class_type: null, vlans: s.vlans.filter((v) => v.fabricId === f.id).map((v) => this.vlanJson(v.id)) })));
      if (method === 'POST' && op === undefined) {
        const name = p.get('name') ?? `fabric-${this.nextId}`;
        if (s.fabrics.some((f) => f.name === name)) throw fields({ name: ['Fabric with this Name already exists.'] });
        const f = { id: this.id(), name };
        s.fabrics.push(f);
        // maas-api.md §2.2: a new fabric gets its untagged VLAN.
        s.vlans.push({ id: this.id(), vid: 0, name: 'untagged', fabricId: f.id, mtu: 1500 });
        return ok({ id: f.id, name, class_type: null, vlans: s.vlans.filter((v) => v.fabricId === f.id).map((v) => this.vlanJson(v.id)) });
      }
      return undefined;
    }
    if ((m = /^\/fabrics\/(\d+)\/vlans\/$/.exec(path))) {
      const fabric = s.fabrics.find((f) => f.id === Number(m?.[1]));
      if (!fabric) throw notFound('Fabric');
      if (method === 'GET' && op === undefined) return ok(s.vlans.filter((v) => v.fabricId === fabric.id).map((v) => this.vlanJson(v.id)));
      if (method === 'POST' && op === undefined) {
        const vidText = this.need(p, 'vid');
        const vid = Number(vidText);
        if (!/^\d+$/.test(vidText) || vid > 4094) throw fields({ vid: ['VID must be between 0 and 4094.'] });
        const mtu = this.mtu(p);
        if (s.vlans.some((v) => v.fabricId === fabric.id && v.vid === vid)) throw fields({ __all__: ['VLAN with this Fabric and Vid already exists.'] });
        const v = { id: this.id(), vid, name: p.get('name') ?? `vlan-${vid}`, fabricId: fabric.id, mtu: mtu ?? 1500 };
        s.vlans.push(v);
        return ok(this.vlanJson(v.id));
      }
      return undefined;
    }
    if ((m = /^\/fabrics\/(\d+)\/vlans\/(\d+)\/$/.exec(path))) {
      const v = s.vlans.find((x) => x.fabricId === Number(m?.[1]) && x.vid === Number(m?.[2]));
      if (!v) throw notFound('VLAN');
      if (method === 'GET' && op === undefined) return ok(this.vlanJson(v.id));
      if (method === 'PUT' && op === undefined) {
        const mtu = this.mtu(p);
        if (p.has('name')) v.name = p.get('name') ?? v.name;
        if (mtu !== undefined) v.mtu = mtu;
        return ok(this.vlanJson(v.id));
      }
      return undefined;
    }
    if (path === '/subnets/') {
      if (method === 'GET' && op === undefined) return ok(s.subnets.map((x) => this.subnetJson(x)));
      if (method === 'POST' && op === undefined) {
        const cidrText = this.need(p, 'cidr');
        const c = parseCidr(cidrText);
        if (!c.ok || c.value.prefix === 0) throw fields({ cidr: ['Required format: <network>/<prefixlen>.'] });
        const cidr = formatCidr(c.value);
        for (const other of s.subnets) {
          const oc = parseCidr(other.cidr);
          if (oc.ok && cidrsOverlap(oc.value, c.value)) throw fields({ __all__: [`Subnet ${cidr} would overlap with existing subnets.`] });
        }
        const subnet: Subnet = { id: this.id(), name: p.get('name') ?? cidr, cidr, vlanId: s.vlans[0]?.id ?? 0, gateway: null, managed: true };
        this.subnetFields(subnet, p);
        s.subnets.push(subnet);
        return ok(this.subnetJson(subnet));
      }
      return undefined;
    }
    if ((m = /^\/subnets\/([^/]+)\/$/.exec(path))) {
      const key = decodeURIComponent(m[1] as string);
      const subnet = s.subnets.find((x) => String(x.id) === key || x.cidr === key || x.name === key);
      if (!subnet) throw notFound('Subnet');
      if (method === 'GET' && op === undefined) return ok(this.subnetJson(subnet));
      if (method === 'PUT' && op === undefined) {
        const copy = { ...subnet };
        this.subnetFields(copy, p);
        Object.assign(subnet, copy);
        return ok(this.subnetJson(subnet));
      }
      return undefined;
    }
    if (path === '/ipranges/') {
      const rangeJson = (x: IpRange): unknown => {
        const sub = s.subnets.find((y) => y.id === x.subnetId);
        return { id: x.id, type: x.type, start_ip: x.start, end_ip: x.end, comment: x.comment, subnet: sub ? this.subnetJson(sub) : null, user: { username: 'admin' } };
      };
      if (method === 'GET' && op === undefined) return ok(s.ipranges.map(rangeJson));
      if (method === 'POST' && op === undefined) {
        const type = this.need(p, 'type');
        if (type !== 'dynamic' && type !== 'reserved') throw fields({ type: [`Select a valid choice. ${type} is not one of the available choices.`] });
        const start = parseIp(this.need(p, 'start_ip'));
        const end = parseIp(this.need(p, 'end_ip'));
        if (!start.ok) throw fields({ start_ip: ['Enter a valid IPv4 or IPv6 address.'] });
        if (!end.ok) throw fields({ end_ip: ['Enter a valid IPv4 or IPv6 address.'] });
        const subnet = s.subnets.find((x) => String(x.id) === p.get('subnet'));
        if (!subnet) throw fields({ subnet: ['Select a valid choice. That choice is not one of the available choices.'] });
        const sc = parseCidr(subnet.cidr);
        if (!sc.ok || !cidrContains(sc.value, start.value) || !cidrContains(sc.value, end.value)) throw fields({ start_ip: [`Start IP address must be within subnet: ${subnet.cidr}.`], end_ip: [`End IP address must be within subnet: ${subnet.cidr}.`] });
        if (end.value < start.value) throw fields({ end_ip: ['End IP address must not be less than Start IP address.'] });
        for (const other of s.ipranges.filter((x) => x.subnetId === subnet.id)) {
          const os = parseIp(other.start);
          const oe = parseIp(other.end);
          if (os.ok && oe.ok && rangesOverlap({ first: start.value, last: end.value }, { first: os.value, last: oe.value })) {
            const msg = `Requested ${type} range conflicts with an existing ${type === 'reserved' ? 'range' : 'IP address or range'}.`;
            throw fields({ start_ip: [msg], end_ip: [msg] });
          }
        }
        const x: IpRange = { id: this.id(), type, start: p.get('start_ip') ?? '', end: p.get('end_ip') ?? '', subnetId: subnet.id, comment: p.get('comment') ?? '' };
        s.ipranges.push(x);
        return ok(rangeJson(x));
      }
      return undefined;
    }
    if ((m = /^\/ipranges\/(\d+)\/$/.exec(path))) {
      const i = s.ipranges.findIndex((x) => x.id === Number(m?.[1]));
      if (i < 0) throw notFound('IPRange');
      if (method === 'DELETE') {
        s.ipranges.splice(i, 1);
        return { status: 204, body: '' };
      }
      return undefined;
    }
    if (path === '/machines/' && method === 'GET' && op === undefined) {
      const hostnames = p.getAll('hostname');
      const pools = p.getAll('pool');
      return ok(s.machines.filter((x) => (hostnames.length === 0 || hostnames.includes(x.hostname)) && (pools.length === 0 || pools.includes(x.pool))).map((x) => this.machineJson(x)));
    }
    if ((m = /^\/(?:machines|nodes)\/([^/]+)\/(.*)$/.exec(path))) {
      const machine = s.machines.find((x) => x.systemId === m?.[1]);
      if (!machine) throw notFound('Machine');
      return this.machineRoute(machine, method, `/${m[2] ?? ''}`, op, p, path.startsWith('/machines/'));
    }
    throw notFound('resource');
  }

  private machineRoute(mc: Machine, method: string, rest: string, op: string | undefined, p: URLSearchParams, viaMachines: boolean): { status?: number; body: unknown } | undefined {
    const s = this.state;
    const ok = (body: unknown): { body: unknown } => ({ body });
    let m: RegExpExecArray | null;
    const gate = (what: string): void => {
      if (!INTERFACE_STATES.includes(mc.status)) throw new HttpError(409, `Cannot ${what} interface because the machine is not New, Ready, Allocated, or Broken.`);
    };
    if (rest === '/' && viaMachines) {
      if (method === 'GET' && op === undefined) return ok(this.machineJson(mc));
      if (method === 'PUT' && op === undefined) {
        if (p.has('pool')) {
          if (!s.pools.some((x) => x.name === p.get('pool'))) throw fields({ pool: ['Select a valid choice. That choice is not one of the available choices.'] });
          mc.pool = p.get('pool') ?? mc.pool;
        }
        if (p.has('zone')) {
          if (!s.zones.some((x) => x.name === p.get('zone'))) throw fields({ zone: ['Select a valid choice. That choice is not one of the available choices.'] });
          mc.zone = p.get('zone') ?? mc.zone;
        }
        if (p.has('domain')) {
          if (!s.domains.some((x) => x.name === p.get('domain'))) throw fields({ domain: ['Select a valid choice. That choice is not one of the available choices.'] });
          mc.domain = p.get('domain') ?? mc.domain;
        }
        return ok(this.machineJson(mc));
      }
      if (method === 'POST' && op === 'set_storage_layout') {
        if (mc.status !== 'Ready') throw new HttpError(409, 'Cannot change the storage layout on a machine that is not Ready.');
        const layout = this.need(p, 'storage_layout');
        if (!['flat', 'lvm', 'bcache', 'vmfs6', 'vmfs7', 'custom', 'blank'].includes(layout)) throw fields({ storage_layout: [`Select a valid choice. ${layout} is not one of the available choices.`] });
        const rootId = p.get('root_device');
        const root = rootId !== null ? mc.blockDevices.find((b) => String(b.id) === rootId) : mc.blockDevices.find((b) => b.id === mc.bootDiskId);
        if (!root) throw rootId !== null ? fields({ root_device: ['Select a valid choice. That choice is not one of the available choices.'] }) : new HttpError(400, 'Machine is missing a boot disk; no storage layout can be applied.');
        for (const b of mc.blockDevices) b.partitions = [];
        if (layout === 'flat') root.partitions = [{ id: this.id(), fstype: 'fat32', mountPoint: '/boot/efi' }, { id: this.id(), fstype: 'ext4', mountPoint: '/' }];
        mc.bootDiskId = root.id;
        return ok(this.machineJson(mc));
      }
      return undefined;
    }
    if (rest === '/devices/' && !viaMachines && method === 'GET') {
      return ok(mc.devices.map((d) => ({ id: d.id, bus: d.bus, bus_name: d.bus === 1 ? 'PCIe' : 'USB', hardware_type: d.hardwareType, hardware_type_name: ['Node', 'CPU', 'Memory', 'Storage', 'Network', 'GPU'][d.hardwareType] ?? 'Node', vendor_name: d.vendorName, product_name: d.productName, commissioning_driver: d.driver, pci_address: d.pciAddress, system_id: mc.systemId, numa_node: 0, physical_interface: null, physical_blockdevice: null })));
    }
    if (rest === '/blockdevices/' && !viaMachines && method === 'GET') return ok(mc.blockDevices.map((b) => this.blockJson(mc, b)));
    if ((m = /^\/blockdevices\/(\d+)\/$/.exec(rest)) && !viaMachines) {
      const b = mc.blockDevices.find((x) => x.id === Number(m?.[1]));
      if (!b) throw notFound('BlockDevice');
      if (method === 'GET' && op === undefined) return ok(this.blockJson(mc, b));
      if (method === 'DELETE') {
        if (mc.status !== 'Ready') throw new HttpError(409, 'Cannot delete block device because the machine is not Ready.');
        mc.blockDevices = mc.blockDevices.filter((x) => x !== b);
        return { status: 204, body: '' };
      }
      return undefined;
    }
    if (rest === '/interfaces/' && !viaMachines) {
      if (method === 'GET' && op === undefined) return ok(mc.interfaces.map((i) => this.ifaceJson(mc, i)));
      if (method !== 'POST') return undefined;
      if (op === 'create_bond') {
        gate('create bond');
        const name = this.need(p, 'name');
        const parents = this.parents(mc, p.getAll('parents'), 'parents');
        if (parents.length === 0) throw required('parents');
        const mode = p.get('bond_mode') ?? 'balance-rr';
        if (!BOND_MODES.includes(mode)) throw fields({ bond_mode: [`Select a valid choice. ${mode} is not one of the available choices.`] });
        const lacp = p.get('bond_lacp_rate') ?? 'fast';
        if (!['fast', 'slow'].includes(lacp)) throw fields({ bond_lacp_rate: [`Select a valid choice. ${lacp} is not one of the available choices.`] });
        this.uniqueName(mc, name);
        const vlans = new Set(parents.map((x) => x.vlanId));
        if (vlans.size > 1) throw fields({ parents: ['All parents must belong to the same VLAN.'] });
        const vlanId = p.has('vlan') ? this.vlanId(p.get('vlan')) : (parents[0]?.vlanId ?? null);
        const mtu = this.mtu(p) ?? 1500;
        for (const x of parents) x.links = [];
        const bond: Iface = { id: this.id(), name, type: 'bond', mac: parents[0]?.mac ?? '', vlanId, parents: parents.map((x) => x.id), params: { bond_mode: mode, bond_lacp_rate: lacp, bond_miimon: 100, bond_downdelay: 0, bond_updelay: 0, bond_xmit_hash_policy: 'layer2', mtu }, links: [], speed: parents.reduce((a, x) => a + x.speed, 0) };
        mc.interfaces.push(bond);
        return ok(this.ifaceJson(mc, bond));
      }
      if (op === 'create_bridge') {
        gate('create bridge');
        if (p.has('parent') && p.has('parents')) throw fields({ parents: ['Cannot use both parent and parents.'] });
        const parents = this.parents(mc, p.has('parents') ? p.getAll('parents') : p.getAll('parent'), 'parents');
        if (parents.length !== 1) throw fields({ parents: ['A bridge interface must have exactly one parent.'] });
        const parent = parents[0] as Iface;
        if (parent.type === 'bridge') throw fields({ parents: ['A bridge cannot be the parent of a bridge.'] });
        const name = p.get('name') ?? `br-${parent.name}`;
        this.uniqueName(mc, name);
        const type = p.get('bridge_type') ?? 'standard';
        if (!['standard', 'ovs'].includes(type)) throw fields({ bridge_type: [`Select a valid choice. ${type} is not one of the available choices.`] });
        const stp = p.get('bridge_stp') ?? 'false';
        if (!['true', 'false', '1', '0'].includes(stp)) throw fields({ bridge_stp: ['Enter a valid boolean.'] });
        const bridge: Iface = { id: this.id(), name, type: 'bridge', mac: parent.mac, vlanId: p.has('vlan') ? this.vlanId(p.get('vlan')) : parent.vlanId, parents: [parent.id], params: { bridge_type: type, bridge_stp: stp === 'true' || stp === '1', bridge_fd: 15, mtu: parent.params['mtu'] ?? 1500 }, links: [], speed: parent.speed };
        mc.interfaces.push(bridge);
        return ok(this.ifaceJson(mc, bridge));
      }
      if (op === 'create_vlan') {
        gate('create VLAN');
        const vlanText = this.need(p, 'vlan');
        const vlan = s.vlans.find((v) => String(v.id) === vlanText);
        if (!vlan) throw fields({ vlan: ['Select a valid choice. That choice is not one of the available choices.'] });
        if (vlan.vid === 0) throw fields({ vlan: ['VLAN interface can only be created on a tagged vlan.'] });
        const parents = this.parents(mc, p.has('parent') ? p.getAll('parent') : p.getAll('parents'), 'parent', true);
        if (parents.length !== 1) throw required('parent');
        const parent = parents[0] as Iface;
        if (parent.type === 'vlan') throw fields({ parent: ['VLAN interface cannot be the parent of a VLAN interface.'] });
        const parentVlan = s.vlans.find((v) => v.id === parent.vlanId);
        if (!parentVlan || parentVlan.fabricId !== vlan.fabricId) throw fields({ vlan: ['A VLAN interface can only belong to a tagged VLAN on the same fabric as its parent interface.'] });
        const name = `${parent.name}.${vlan.vid}`;
        if (mc.interfaces.some((i) => i.type === 'vlan' && i.parents[0] === parent.id && i.vlanId === vlan.id)) throw fields({ __all__: ['Interface with this parent and VLAN already exists.'] });
        this.uniqueName(mc, name);
        const iface: Iface = { id: this.id(), name, type: 'vlan', mac: parent.mac, vlanId: vlan.id, parents: [parent.id], params: { mtu: vlan.mtu }, links: [], speed: parent.speed };
        mc.interfaces.push(iface);
        return ok(this.ifaceJson(mc, iface));
      }
      return undefined;
    }
    if ((m = /^\/interfaces\/(\d+)\/$/.exec(rest)) && !viaMachines) {
      const iface = mc.interfaces.find((x) => x.id === Number(m?.[1]));
      if (!iface) throw notFound('Interface');
      if (method === 'GET' && op === undefined) return ok(this.ifaceJson(mc, iface));
      if (method === 'DELETE') {
        gate('delete');
        if (mc.interfaces.some((c) => c.parents.includes(iface.id))) throw fields({ __all__: ['Cannot delete an interface that has children.'] });
        mc.interfaces = mc.interfaces.filter((x) => x !== iface);
        return { status: 204, body: '' };
      }
      if (method === 'PUT' && op === undefined) {
        const allowedDeployed = ['name', 'mac_address', 'link_connected', 'interface_speed', 'link_speed'];
        if (!INTERFACE_STATES.includes(mc.status)) {
          if (!(mc.status === 'Deployed' && [...p.keys()].every((k) => allowedDeployed.includes(k)))) throw new HttpError(409, 'Cannot update interface because the machine is not New, Ready, Allocated, or Broken.');
        }
        if (p.has('vlan')) iface.vlanId = this.vlanId(p.get('vlan'));
        for (const k of ['bond_mode', 'bond_lacp_rate', 'bridge_type']) {
          const v = p.get(k);
          if (v === null) continue;
          if (k === 'bond_mode' && !BOND_MODES.includes(v)) throw fields({ bond_mode: [`Select a valid choice. ${v} is not one of the available choices.`] });
          iface.params[k] = v;
        }
        if (p.has('bridge_stp')) iface.params['bridge_stp'] = p.get('bridge_stp') === 'true';
        const mtu = this.mtu(p);
        if (mtu !== undefined) iface.params['mtu'] = mtu;
        return ok(this.ifaceJson(mc, iface));
      }
      if (method === 'POST' && op === 'link_subnet') {
        gate('link');
        const mode = this.need(p, 'mode').toLowerCase();
        if (!['auto', 'dhcp', 'static', 'link_up'].includes(mode)) throw fields({ mode: [`Select a valid choice. ${mode} is not one of the available choices.`] });
        if (mc.interfaces.some((b) => b.type === 'bond' && b.parents.includes(iface.id))) throw fields({ __all__: ['Cannot link a bond member.'] });
        const subnet = s.subnets.find((x) => String(x.id) === p.get('subnet') || `cidr:${x.cidr}` === p.get('subnet'));
        if (!subnet) throw fields({ subnet: ['Select a valid choice. That choice is not one of the available choices.'] });
        if (subnet.vlanId !== iface.vlanId && p.get('force') !== 'true') throw fields({ subnet: ['Subnet is on a different VLAN than the interface.'] });
        const gw = p.get('default_gateway') === 'true';
        if (gw && (mode === 'dhcp' || mode === 'link_up')) throw fields({ default_gateway: ['Cannot use in mode dhcp.'] });
        if (gw && !subnet.gateway) throw fields({ default_gateway: ['Subnet has no gateway IP.'] });
        const link: Link = { id: this.id(), mode, subnetId: subnet.id };
        iface.links.push(link);
        if (gw) mc.gatewayLinkId = link.id;
        return ok(this.ifaceJson(mc, iface));
      }
      if (method === 'POST' && op === 'unlink_subnet') {
        gate('unlink');
        const id = Number(this.need(p, 'id'));
        if (!iface.links.some((l) => l.id === id)) throw fields({ id: ['Select a valid choice. That choice is not one of the available choices.'] });
        iface.links = iface.links.filter((l) => l.id !== id);
        return ok(this.ifaceJson(mc, iface));
      }
      return undefined;
    }
    throw notFound('resource');
  }

  // ---------------------------------------------------------------- field helpers

  private need(p: URLSearchParams, name: string): string {
    const v = p.get(name);
    if (v === null || v === '') throw required(name);
    return v;
  }
  private mtu(p: URLSearchParams): number | undefined {
    const t = p.get('mtu');
    if (t === null) return undefined;
    const n = Number(t);
    if (!/^\d+$/.test(t) || n < 552 || n > 65535) throw fields({ mtu: ['MTU must be between 552 and 65535.'] });
    return n;
  }
  private vlanId(text: string | null): number | null {
    if (text === null || text === '') return null;
    const v = this.state.vlans.find((x) => String(x.id) === text);
    if (!v) throw fields({ vlan: ['Select a valid choice. That choice is not one of the available choices.'] });
    return v.id;
  }
  /** The parents named by id; a bond or bridge may not take one already in a bond or bridge, a VLAN not a bond member (maas-api.md §3.1). */
  private parents(mc: Machine, ids: string[], field: string, forVlan = false): Iface[] {
    return ids.map((id) => {
      const i = mc.interfaces.find((x) => String(x.id) === id);
      if (!i) throw fields({ [field]: [`Select a valid choice. ${id} is not one of the available choices.`] });
      const holders = mc.interfaces.filter((o) => o.parents.includes(i.id) && (o.type === 'bond' || (!forVlan && o.type === 'bridge')));
      if (holders.length) throw fields({ [field]: [`Interfaces already in-use: ${i.name}.`] });
      return i;
    });
  }
  private uniqueName(mc: Machine, name: string): void {
    if (mc.interfaces.some((i) => i.name === name)) throw fields({ name: [`Interface with name ${name} already exists on this node.`] });
  }
  private subnetFields(subnet: Subnet, p: URLSearchParams): void {
    if (p.has('name')) subnet.name = p.get('name') ?? subnet.name;
    if (p.has('vlan')) {
      const v = this.vlanId(p.get('vlan'));
      if (v !== null) subnet.vlanId = v;
    }
    if (p.has('managed')) subnet.managed = p.get('managed') === 'true';
    if (p.has('gateway_ip')) {
      const g = p.get('gateway_ip') ?? '';
      const ip = parseIp(g);
      const c = parseCidr(subnet.cidr);
      if (g !== '' && (!ip.ok || !c.ok || !cidrContains(c.value, ip.value))) throw fields({ gateway_ip: ['Gateway IP must be within CIDR range.'] });
      subnet.gateway = g === '' ? null : g;
    }
  }
}
