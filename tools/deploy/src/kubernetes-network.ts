import { BlockList, isIPv4 } from 'node:net';
import type {
  INetworkPolicy,
  INetworkPolicyPeer,
  INetworkPolicyPort,
} from 'kubernetes-models/networking.k8s.io/v1';
import { selects } from './kubernetes-objects.js';

/**
 * Answers "may this connection happen?" under a set of NetworkPolicies, following the Kubernetes semantics
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod selected by a policy of a
 * direction is isolated in that direction and only what some rule of such a policy allows gets through; a
 * connection needs the sender's egress and the receiver's ingress. Checking connections rather than the policy
 * text keeps the tests about what matters (the fronts cannot reach the internet) instead of how it is written.
 */
export interface Pod {
  readonly kind: 'pod';
  /** The workload, for messages. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Declared container ports, for named ports in rules. */
  readonly ports: readonly {
    readonly name?: string;
    readonly containerPort: number;
    readonly protocol?: string;
  }[];
}

export interface ExternalAddress {
  readonly kind: 'address';
  readonly ip: string;
}

export type Endpoint = Pod | ExternalAddress;

export interface Connection {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP';
}

type Direction = 'Ingress' | 'Egress';

export class NetworkModel {
  constructor(private readonly policies: readonly INetworkPolicy[]) {}

  allows(connection: Connection): boolean {
    return (
      this.permits('Egress', connection.from, connection) &&
      this.permits('Ingress', connection.to, connection)
    );
  }

  /** The names of the policies that isolate this pod in one direction. */
  policiesFor(pod: Pod, direction: Direction): string[] {
    return this.isolating(pod, direction).map((policy) => policy.metadata?.name ?? '');
  }

  private permits(direction: Direction, pod: Endpoint, connection: Connection): boolean {
    // Addresses outside the cluster are not governed by NetworkPolicy.
    if (pod.kind === 'address') return true;
    const policies = this.isolating(pod, direction);
    if (policies.length === 0) return true;
    const peer = direction === 'Egress' ? connection.to : connection.from;
    return policies.some((policy) =>
      rulesOf(policy, direction).some(
        (rule) =>
          anyOrSome(rule.peers, (p) => peerMatches(p, policyNamespace(policy), peer)) &&
          anyOrSome(rule.ports, (p) => portMatches(p, connection)),
      ),
    );
  }

  private isolating(pod: Pod, direction: Direction): INetworkPolicy[] {
    return this.policies.filter(
      (policy) =>
        policyNamespace(policy) === pod.namespace &&
        selects(policy.spec?.podSelector ?? {}, pod.labels) &&
        policyTypes(policy).includes(direction),
    );
  }
}

interface Rule {
  readonly peers: readonly INetworkPolicyPeer[] | undefined;
  readonly ports: readonly INetworkPolicyPort[] | undefined;
}

function rulesOf(policy: INetworkPolicy, direction: Direction): Rule[] {
  return direction === 'Egress'
    ? (policy.spec?.egress ?? []).map((rule) => ({ peers: rule.to, ports: rule.ports }))
    : (policy.spec?.ingress ?? []).map((rule) => ({ peers: rule.from, ports: rule.ports }));
}

/** An absent or empty list of peers or ports in a rule matches everything. */
function anyOrSome<T>(items: readonly T[] | undefined, match: (item: T) => boolean): boolean {
  return items === undefined || items.length === 0 || items.some(match);
}

function policyNamespace(policy: INetworkPolicy): string {
  const namespace = policy.metadata?.namespace;
  if (namespace === undefined)
    throw new Error(`NetworkPolicy ${policy.metadata?.name ?? ''} has no namespace`);
  return namespace;
}

/** policyTypes defaults to Ingress, plus Egress when the policy has egress rules. */
function policyTypes(policy: INetworkPolicy): string[] {
  return policy.spec?.policyTypes ?? ['Ingress', ...(policy.spec?.egress ? ['Egress'] : [])];
}

function peerMatches(peer: INetworkPolicyPeer, namespace: string, endpoint: Endpoint): boolean {
  if (peer.ipBlock)
    return endpoint.kind === 'address' && inBlock(endpoint.ip, peer.ipBlock.cidr, peer.ipBlock.except ?? []);
  if (endpoint.kind === 'address') return false;
  const namespaceLabels = { 'kubernetes.io/metadata.name': endpoint.namespace };
  const namespaceOk = peer.namespaceSelector
    ? selects(peer.namespaceSelector, namespaceLabels)
    : endpoint.namespace === namespace;
  return namespaceOk && selects(peer.podSelector ?? {}, endpoint.labels);
}

function inBlock(ip: string, cidr: string, except: readonly string[]): boolean {
  const family = isIPv4(ip) ? 'ipv4' : 'ipv6';
  const contains = (range: string): boolean => {
    const [network = '', prefix = ''] = range.split('/');
    if ((isIPv4(network) ? 'ipv4' : 'ipv6') !== family) return false;
    const block = new BlockList();
    block.addSubnet(network, Number(prefix), family);
    return block.check(ip, family);
  };
  return contains(cidr) && !except.some(contains);
}

/** A rule's port names resolve against the receiving pod's container ports. */
function portMatches(rule: INetworkPolicyPort, connection: Connection): boolean {
  if ((rule.protocol ?? 'TCP') !== (connection.protocol ?? 'TCP')) return false;
  if (rule.endPort !== undefined) throw new Error('endPort is not modelled');
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'number') return rule.port === connection.port;
  const receiver = connection.to;
  return (
    receiver.kind === 'pod' &&
    receiver.ports.some((p) => p.name === rule.port && p.containerPort === connection.port)
  );
}
