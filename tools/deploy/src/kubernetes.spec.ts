import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type {
  IPrometheusRule,
  IServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { SERVICE_ENTRYPOINTS, SERVICE_PORTS, type ServiceName } from '@mcp-gateway/config';
import type { IDeployment, IStatefulSet } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IIngress, INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IConfigMap, IContainer, IPodSpec, IProbe, ISecret, IService } from 'kubernetes-models/v1';
import { ROOT, readText, readYaml } from './files.js';
import { kustomizeBuild } from './kubernetes-kustomize.js';
import { NetworkModel, type Endpoint, type Pod } from './kubernetes-network.js';
import { selects, type KubeObject } from './kubernetes-objects.js';
import { KubernetesSchemas } from './kubernetes-schema.js';

// What `kubectl apply -k deploy/` creates. The secrets file is not in git (users copy it from the example), so a
// missing generator source falls back to its `.example`. The monitoring component is opt-in; `objects` includes
// it so that its resources are checked too, `defaults` is what a cluster without the Prometheus Operator gets.
const readSource = (path: string): string =>
  readFileSync(!existsSync(path) && existsSync(`${path}.example`) ? `${path}.example` : path, 'utf8');
const DEPLOY = join(ROOT, 'deploy');
const defaults = kustomizeBuild(DEPLOY, { readSource });
const objects = kustomizeBuild(DEPLOY, { readSource, components: ['kubernetes/monitoring'] });

const NAMESPACE = 'mcp-gateway';
/** The release image: its tag follows the version in package.json. */
const IMAGE = `ghcr.io/mcp-gateway/mcp-gateway:${(JSON.parse(readText('package.json')) as { version: string }).version}`;
const SERVICES = Object.keys(SERVICE_ENTRYPOINTS) as ServiceName[];
const CONNECTORS = SERVICES.filter((name) => name.startsWith('connector-'));
const FRONTS: ServiceName[] = ['mcp-front', 'openai-front'];
/** The last word of a variable that holds a credential; `_FILE` variables hold a path to one instead. */
const SECRET_NAME = /(TOKENS?|SECRET|PASSWORD|API_KEY)$/;

type Typed<T> = T & KubeObject;
const ofKind = <T>(kind: string, from: KubeObject[] = objects): Typed<T>[] =>
  from.filter((o) => o.kind === kind) as Typed<T>[];
const named = <T>(kind: string, name: string): Typed<T> => {
  const found = ofKind<T>(kind).find((o) => o.metadata.name === name);
  assert.ok(found, `${kind}/${name} exists`);
  return found;
};
const generated = <T>(kind: string, prefix: string): Typed<T> => {
  const found = ofKind<T>(kind).filter((o) => o.metadata.name.startsWith(`${prefix}-`));
  assert.equal(found.length, 1, `one generated ${kind} ${prefix}-<hash>`);
  return found[0]!;
};

type Workload = Typed<IDeployment> | Typed<IStatefulSet>;
const deployments = ofKind<IDeployment>('Deployment');
const workloads: Workload[] = [...deployments, ...ofKind<IStatefulSet>('StatefulSet')];
const podSpec = (workload: Workload): IPodSpec => workload.spec!.template.spec!;
const podLabels = (workload: Workload): Record<string, string> =>
  workload.spec!.template.metadata?.labels ?? {};
/** The service's single container. */
const container = (name: string): IContainer => {
  const containers = podSpec(named<IDeployment>('Deployment', name)).containers;
  assert.equal(containers.length, 1, `${name} runs one container`);
  return containers[0]!;
};
const envValue = (c: IContainer, name: string): string | undefined =>
  c.env?.find((e) => e.name === name)?.value;
const portNumber = (c: IContainer, port: string | number | undefined): number | undefined =>
  typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;
const probe = (c: IContainer, p: IProbe | undefined): { path?: string; port?: number } => ({
  path: p?.httpGet?.path,
  port: portNumber(c, p?.httpGet?.port),
});

const pods: Pod[] = workloads.map((w) => ({
  kind: 'pod',
  name: w.metadata.name,
  namespace: w.metadata.namespace ?? '',
  labels: podLabels(w),
  ports: podSpec(w).containers.flatMap((c) => c.ports ?? []),
}));
const pod = (name: string): Pod => {
  const found = pods.find((p) => p.name === name);
  assert.ok(found, `pods of ${name}`);
  return found;
};

describe('Kubernetes manifests (deploy/kustomization.yaml)', () => {
  const schemas = new KubernetesSchemas();

  it('expand into namespaced, labelled objects, with the monitoring CRs only in the opt-in component', () => {
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      assert.equal(object.metadata.namespace, NAMESPACE, `${object.kind}/${object.metadata.name}`);
    }
    assert.deepEqual(
      ofKind('Namespace').map((n) => n.metadata.name),
      [NAMESPACE],
    );
    for (const object of objects) {
      assert.equal(
        object.metadata.labels?.['app.kubernetes.io/part-of'],
        'mcp-gateway',
        object.metadata.name,
      );
    }
    const labelled = [
      ...workloads,
      ...ofKind('Service'),
      ...ofKind('PodDisruptionBudget'),
      ...ofKind('HorizontalPodAutoscaler'),
    ];
    for (const object of labelled) {
      assert.ok(object.metadata.labels?.['app.kubernetes.io/name'], `${object.kind}/${object.metadata.name}`);
      assert.ok(
        object.metadata.labels?.['app.kubernetes.io/component'],
        `${object.kind}/${object.metadata.name}`,
      );
    }
    const isOperatorKind = (o: KubeObject): boolean => o.apiVersion.startsWith('monitoring.coreos.com/');
    assert.equal(
      defaults.filter(isOperatorKind).length,
      0,
      'no Prometheus Operator CR without the component',
    );
    assert.deepEqual(
      objects
        .filter(isOperatorKind)
        .map((o) => o.kind)
        .sort(),
      ['PrometheusRule', 'ServiceMonitor', 'ServiceMonitor'],
    );
  });

  it('are valid against the Kubernetes and Prometheus Operator schemas, with no unknown field', () => {
    assert.deepEqual(
      objects.flatMap((o) => schemas.problems(o)),
      [],
    );
  });

  it('the schema check catches an unknown field, a wrong type and an unknown kind', () => {
    const broken = structuredClone(named<IDeployment>('Deployment', 'mcp-front'));
    const first = broken.spec!.template.spec!.containers[0]!;
    Object.assign(first, { livenessProbes: first.livenessProbe });
    first.ports = [{ name: 'http', containerPort: '8080' as unknown as number }];
    const problems = schemas.problems(broken).join('\n');
    assert.match(problems, /\/spec\/template\/spec\/containers\/0\/livenessProbes: unknown field/);
    assert.match(problems, /containers\/0\/ports\/0\/containerPort must be integer/);
    assert.match(
      schemas.problems({ apiVersion: 'v1', kind: 'Servcie', metadata: { name: 'x' } }).join(''),
      /unknown kind v1\/Servcie/,
    );
  });

  it('every container image is pinned, and the gateway image is set once by kustomize', () => {
    for (const workload of workloads) {
      for (const c of podSpec(workload).containers) assert.match(c.image ?? '', /:[\w.-]+$|@sha256:/, c.name);
    }
    for (const name of SERVICES) assert.equal(container(name).image, IMAGE, name);
  });
});

describe('gateway services', () => {
  it('one Deployment per service runs `node <entry point>` from SERVICE_ENTRYPOINTS, bound for the pod network', () => {
    assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), [...SERVICES].sort());
    for (const name of SERVICES) {
      const c = container(name);
      assert.deepEqual([...(c.command ?? []), ...(c.args ?? [])], ['node', SERVICE_ENTRYPOINTS[name]], name);
      assert.equal(envValue(c, 'BIND_HOST'), '0.0.0.0', name);
      assert.equal(envValue(c, 'NATS_URL'), 'nats://nats:4222', name);
    }
  });

  it('probe /health (startup, liveness) and /ready (readiness) on the port from SERVICE_PORTS', () => {
    for (const name of SERVICES) {
      const c = container(name);
      const { env, port } = SERVICE_PORTS[name];
      assert.equal(envValue(c, env), String(port), `${name} ${env}`);
      assert.ok(
        c.ports?.some((p) => p.containerPort === port),
        `${name} declares port ${port}`,
      );
      assert.deepEqual(probe(c, c.startupProbe), { path: '/health', port }, `${name} startup`);
      assert.deepEqual(probe(c, c.livenessProbe), { path: '/health', port }, `${name} liveness`);
      assert.deepEqual(probe(c, c.readinessProbe), { path: '/ready', port }, `${name} readiness`);
    }
  });

  it('shut down gracefully: a preStop pause, then 25 s of in-flight work within the grace period', () => {
    for (const name of SERVICES) {
      const command = container(name).lifecycle?.preStop?.exec?.command ?? [];
      assert.equal(command[0], 'sleep', name);
      const pause = Number(command[1]);
      assert.ok(pause >= 2 && pause <= 10, `${name} pauses ${pause} s`);
      const grace = podSpec(named<IDeployment>('Deployment', name)).terminationGracePeriodSeconds ?? 30;
      assert.ok(grace >= pause + 25, `${name}: grace ${grace} s < ${pause} s + 25 s`);
    }
  });

  it('every container is hardened, has resources, and no pod gets a service-account token', () => {
    for (const workload of workloads) {
      const spec = podSpec(workload);
      assert.equal(spec.automountServiceAccountToken, false, workload.metadata.name);
      for (const c of spec.containers) {
        const where = `${workload.metadata.name}/${c.name}`;
        for (const bound of ['requests', 'limits'] as const) {
          assert.ok(c.resources?.[bound]?.['cpu'] && c.resources[bound]['memory'], `${where} ${bound}`);
        }
        const security = c.securityContext;
        assert.equal(security?.runAsNonRoot, true, where);
        // uid 1000 is `node` in the official Node image the gateway image builds on.
        assert.equal(security?.runAsUser, 1000, where);
        assert.equal(security?.readOnlyRootFilesystem, true, where);
        assert.equal(security?.allowPrivilegeEscalation, false, where);
        assert.deepEqual(security?.capabilities?.drop, ['ALL'], where);
        assert.equal(
          (security?.seccompProfile ?? spec.securityContext?.seccompProfile)?.type,
          'RuntimeDefault',
          where,
        );
      }
    }
  });

  it('take credentials only as files from the generated Secret, each service just its own keys', () => {
    const secret = generated<ISecret>('Secret', 'gateway-secrets');
    const usedKeys = new Set<string>();
    for (const name of SERVICES) {
      const c = container(name);
      const volumes = podSpec(named<IDeployment>('Deployment', name)).volumes ?? [];
      const keys = new Set<string>();
      for (const env of c.env ?? []) {
        assert.ok(!SECRET_NAME.test(env.name), `${name}: ${env.name} must come from ${env.name}_FILE`);
        assert.equal(env.valueFrom?.secretKeyRef, undefined, `${name} ${env.name}: a file, not a variable`);
        if (!env.name.endsWith('_FILE')) continue;
        const path = env.value ?? '';
        const mount = c.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
        const volume = volumes.find((v) => v.name === mount?.name)?.secret;
        assert.equal(
          volume?.secretName,
          secret.metadata.name,
          `${name}: ${env.name} is on the Secret volume`,
        );
        const item = volume?.items?.find((i) => `${mount!.mountPath}/${i.path}` === path);
        assert.ok(item && item.key in (secret.data ?? {}), `${name}: ${path} is a key of gateway-secrets`);
        keys.add(item.key);
      }
      const mounted = volumes.flatMap((v) => v.secret?.items?.map((i) => i.key) ?? []);
      assert.deepEqual(mounted.sort(), [...keys].sort(), `${name} mounts only the secrets it reads`);
      keys.forEach((key) => usedKeys.add(key));
    }
    assert.deepEqual(Object.keys(secret.data ?? {}).sort(), [...usedKeys].sort(), 'no unused secret');
  });

  it('read their other settings from keys of the gateway-config ConfigMap, which holds no credential', () => {
    const config = generated<IConfigMap>('ConfigMap', 'gateway-config');
    for (const key of Object.keys(config.data ?? {})) {
      assert.ok(!SECRET_NAME.test(key), `${key} belongs in secrets/gateway.env`);
    }
    for (const name of SERVICES) {
      for (const env of container(name).env ?? []) {
        const ref = env.valueFrom?.configMapKeyRef;
        if (!ref) continue;
        assert.equal(ref.name, config.metadata.name, `${name} ${env.name}`);
        assert.ok(ref.key in (config.data ?? {}), `${name}: gateway-config has no ${ref.key}`);
      }
    }
  });

  it('workloads select their own pods; Services select pods and target declared ports', () => {
    for (const workload of workloads) {
      const selector = workload.spec!.selector;
      assert.ok(selects(selector, podLabels(workload)), workload.metadata.name);
      assert.equal(
        pods.filter((p) => selects(selector, p.labels)).length,
        1,
        `${workload.metadata.name} alone`,
      );
    }
    for (const service of ofKind<IService>('Service')) {
      const selected = pods.filter((p) => selects({ matchLabels: service.spec?.selector }, p.labels));
      assert.ok(selected.length > 0, `Service ${service.metadata.name} selects pods`);
      for (const port of service.spec?.ports ?? []) {
        const target = port.targetPort ?? port.port;
        for (const p of selected) {
          assert.ok(
            p.ports.some((c) => c.name === target || c.containerPort === target),
            `Service ${service.metadata.name} port ${port.name ?? port.port} → ${p.name}`,
          );
        }
      }
    }
    for (const name of [...SERVICES, 'nats']) named('Service', name);
  });

  it('autoscale the fronts and connectors, keep two auth replicas, and protect every replicated workload', () => {
    const hpas = ofKind<IHorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    assert.deepEqual(hpas.map((h) => h.spec?.scaleTargetRef.name).sort(), [...FRONTS, ...CONNECTORS].sort());
    const minimum = new Map<string, number>();
    for (const hpa of hpas) {
      const target = named<IDeployment>(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name);
      assert.equal(target.spec?.replicas, undefined, `${target.metadata.name}: the HPA owns replicas`);
      assert.ok(
        hpa.spec.metrics?.some((m) => m.resource?.name === 'cpu'),
        hpa.metadata.name,
      );
      assert.ok((hpa.spec.minReplicas ?? 1) <= hpa.spec.maxReplicas, hpa.metadata.name);
      minimum.set(target.metadata.name, hpa.spec.minReplicas ?? 1);
    }
    for (const front of FRONTS) assert.ok((minimum.get(front) ?? 0) >= 2, `${front} keeps two replicas`);
    assert.equal(named<IDeployment>('Deployment', 'auth').spec?.replicas, 2);
    const pdbs = ofKind<IPodDisruptionBudget>('PodDisruptionBudget');
    for (const pdb of pdbs) {
      assert.ok(
        pods.some((p) => selects(pdb.spec?.selector ?? {}, p.labels)),
        `PDB ${pdb.metadata.name} selects pods`,
      );
    }
    for (const workload of workloads) {
      const replicas = minimum.get(workload.metadata.name) ?? workload.spec?.replicas ?? 1;
      if (replicas < 2) continue;
      const pdb = pdbs.find((p) => selects(p.spec?.selector ?? {}, podLabels(workload)));
      assert.ok(pdb, `${workload.metadata.name} has a PodDisruptionBudget`);
      assert.equal(pdb.spec?.maxUnavailable, 1, workload.metadata.name);
    }
  });
});

describe('NATS', () => {
  const nats = named<IStatefulSet>('StatefulSet', 'nats');
  const configMap = podSpec(nats).volumes?.find((v) => v.configMap)?.configMap?.name ?? '';
  const conf = named<IConfigMap>('ConfigMap', configMap).data?.['nats.conf'] ?? '';

  it('is a 3-server cluster with JetStream on a volume claim per server', () => {
    const replicas = nats.spec!.replicas!;
    assert.equal(replicas, 3);
    const server = podSpec(nats).containers[0]!;
    assert.match(conf, /^server_name: \$SERVER_NAME$/m);
    assert.equal(
      server.env?.find((e) => e.name === 'SERVER_NAME')?.valueFrom?.fieldRef?.fieldPath,
      'metadata.name',
    );
    const storeDir = /^\s*store_dir: (\S+)$/m.exec(conf)?.[1] ?? '';
    const claims = nats.spec!.volumeClaimTemplates?.map((t) => t.metadata?.name) ?? [];
    const dataMount = server.volumeMounts?.find((m) => storeDir.startsWith(`${m.mountPath}/`));
    assert.ok(dataMount && claims.includes(dataMount.name), `store_dir ${storeDir} is on a volume claim`);

    const headless = named<IService>('Service', nats.spec!.serviceName!);
    assert.equal(headless.spec?.clusterIP, 'None');
    assert.equal(
      headless.spec?.publishNotReadyAddresses,
      true,
      'peers find each other before they are ready',
    );
    const routes = [...conf.matchAll(/nats:\/\/([\w.-]+):6222/g)].map((m) => m[1]);
    const expected = Array.from({ length: replicas }, (_, i) => `nats-${i}.${headless.metadata.name}`);
    assert.deepEqual(routes, expected);
    assert.ok(server.ports?.some((p) => p.containerPort === 6222) && conf.includes('listen: 0.0.0.0:6222'));

    const auth = container('auth');
    assert.equal(
      envValue(auth, 'AUTH_KV_REPLICAS'),
      String(replicas),
      "auth's KV buckets live on every server",
    );
    const client = named<IService>('Service', 'nats');
    assert.ok(
      client.spec?.ports?.some((p) => p.port === 4222),
      'nats://nats:4222 answers',
    );
  });

  it('restarts one server at a time and probes JetStream health', () => {
    const pdb = named<IPodDisruptionBudget>('PodDisruptionBudget', 'nats');
    assert.equal(pdb.spec?.maxUnavailable, 1);
    const server = podSpec(nats).containers[0]!;
    assert.match(server.livenessProbe?.httpGet?.path ?? '', /^\/healthz/);
    assert.match(server.readinessProbe?.httpGet?.path ?? '', /^\/healthz/);
    assert.deepEqual(server.lifecycle?.preStop?.exec?.command?.slice(0, 2), ['nats-server', '--signal']);
  });
});

describe('Ingress', () => {
  const ingresses = ofKind<IIngress>('Ingress');
  const config = generated<IConfigMap>('ConfigMap', 'gateway-config');
  const host = new URL(config.data?.['PUBLIC_URL'] ?? '').hostname;
  const isDeny = (i: IIngress): boolean => i.metadata?.name === 'gateway-metrics-deny';

  it('routes /v1, /openapi.json and /tools to openai-front and everything else to mcp-front, on PUBLIC_URL', () => {
    const routes: Record<string, string> = {};
    for (const ingress of ingresses.filter((i) => !isDeny(i))) {
      assert.equal(ingress.spec?.ingressClassName, 'nginx');
      const annotations = ingress.metadata.annotations ?? {};
      assert.equal(
        annotations['nginx.ingress.kubernetes.io/proxy-buffering'],
        'off',
        'SSE passes unbuffered',
      );
      assert.ok(
        Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']) >= 600,
        'long tool calls',
      );
      for (const rule of ingress.spec?.rules ?? []) {
        assert.equal(rule.host, host);
        for (const path of rule.http?.paths ?? []) {
          const backend = path.backend.service!;
          const ports = named<IService>('Service', backend.name).spec?.ports ?? [];
          assert.ok(
            ports.some((p) => p.name === backend.port?.name || p.port === backend.port?.number),
            path.path,
          );
          assert.equal(path.pathType, 'Prefix');
          routes[path.path ?? ''] = backend.name;
        }
      }
    }
    assert.deepEqual(routes, {
      '/': 'mcp-front',
      '/v1': 'openai-front',
      '/openapi.json': 'openai-front',
      '/tools': 'openai-front',
    });
  });

  it('gets one certificate from cert-manager for the host and serves it on every Ingress', () => {
    const issuers = ingresses.filter((i) => i.metadata.annotations?.['cert-manager.io/cluster-issuer']);
    assert.equal(issuers.length, 1, 'one Ingress owns the Certificate');
    const secretNames = new Set(ingresses.map((i) => i.spec?.tls?.[0]?.secretName));
    assert.equal(secretNames.size, 1);
    for (const ingress of ingresses) assert.deepEqual(ingress.spec?.tls?.[0]?.hosts, [host]);
  });

  it('refuses /metrics to every client, case-insensitively', () => {
    const deny = ingresses.find(isDeny);
    const annotations = deny?.metadata?.annotations ?? {};
    assert.deepEqual(annotations['nginx.ingress.kubernetes.io/denylist-source-range']?.split(','), [
      '0.0.0.0/0',
      '::/0',
    ]);
    assert.equal(annotations['nginx.ingress.kubernetes.io/use-regex'], 'true');
    assert.deepEqual(
      deny?.spec?.rules?.flatMap((r) => r.http?.paths.map((p) => p.path)),
      ['/metrics'],
    );
  });
});

describe('NetworkPolicies', () => {
  const network = new NetworkModel(ofKind<INetworkPolicy>('NetworkPolicy'));
  const outside = (namespace: string, labels: Record<string, string> = {}): Pod => ({
    kind: 'pod',
    name: namespace,
    namespace,
    labels,
    ports: [],
  });
  const dns = outside('kube-system', { 'k8s-app': 'kube-dns' });
  const ingressController = outside('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
  const prometheus = outside('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
  const internet: Endpoint = { kind: 'address', ip: '203.0.113.10' };
  const lan: Endpoint = { kind: 'address', ip: '192.168.1.20' };
  const cloudMetadata: Endpoint = { kind: 'address', ip: '169.254.169.254' };
  const allows = (from: Endpoint, to: Endpoint, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): boolean =>
    network.allows({ from, to, port, protocol });
  const servicePort = (name: ServiceName): number => SERVICE_PORTS[name].port;

  it('deny everything by default, then let every pod resolve names', () => {
    const base = ofKind<INetworkPolicy>('NetworkPolicy').find((p) => p.metadata.name === 'default-deny');
    assert.deepEqual(base?.spec, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    for (const p of pods) {
      assert.ok(allows(p, dns, 53, 'UDP') && allows(p, dns, 53, 'TCP'), `${p.name} → DNS`);
      assert.ok(!allows(p, outside('kube-system'), 53, 'UDP'), `${p.name} → other kube-system pods`);
    }
  });

  it('let the gateway services reach NATS and the NATS servers reach each other, nothing else', () => {
    for (const name of SERVICES) {
      assert.ok(allows(pod(name), pod('nats'), 4222), `${name} → nats:4222`);
      assert.ok(!allows(pod(name), pod('nats'), 6222), `${name} → nats:6222`);
      for (const other of SERVICES)
        assert.ok(!allows(pod(name), pod(other), servicePort(other)), `${name} → ${other}`);
    }
    assert.ok(allows(pod('nats'), pod('nats'), 6222), 'cluster routes');
    assert.ok(!allows(outside('default'), pod('nats'), 4222), 'other namespaces → nats');
    assert.ok(!allows(pod('nats'), internet, 443), 'nats → internet');
  });

  it('let only the ingress controller reach the fronts and only Prometheus the metrics ports', () => {
    for (const name of SERVICES) {
      const port = servicePort(name);
      assert.equal(allows(ingressController, pod(name), port), FRONTS.includes(name), `ingress → ${name}`);
      assert.ok(allows(prometheus, pod(name), port), `prometheus → ${name}:${port}`);
      assert.ok(!allows(outside('default'), pod(name), port), `other namespaces → ${name}`);
    }
    assert.ok(!allows(ingressController, pod('nats'), 4222));
  });

  it('let only connectors out of the cluster; the fronts reach NATS only, bar the LLM; auth public HTTPS only', () => {
    for (const name of CONNECTORS) {
      for (const port of [80, 443, 8123, 2345])
        assert.ok(allows(pod(name), internet, port), `${name} :${port}`);
      assert.ok(allows(pod(name), lan, 8123), `${name} → a LAN backend`);
      assert.ok(!allows(pod(name), cloudMetadata, 80), `${name} → cloud metadata`);
    }
    // General egress: an arbitrary port on an arbitrary address.
    for (const p of pods.filter((p) => !CONNECTORS.includes(p.name as ServiceName))) {
      assert.ok(!allows(p, internet, 2345) && !allows(p, lan, 8123), `${p.name} has no general egress`);
    }
    const egress = (name: string): string[] => network.policiesFor(pod(name), 'Egress').sort();
    assert.deepEqual(egress('mcp-front'), ['allow-dns', 'default-deny', 'gateway-to-nats']);
    assert.ok(!allows(pod('mcp-front'), internet, 443), 'mcp-front → internet');
    // The documented exceptions: openai-front calls the upstream LLM, auth fetches OAuth client metadata.
    assert.deepEqual(egress('openai-front'), [
      'allow-dns',
      'default-deny',
      'gateway-to-nats',
      'openai-front-llm-egress',
    ]);
    assert.ok(allows(pod('openai-front'), internet, 443) && allows(pod('openai-front'), lan, 11434), 'LLM');
    assert.deepEqual(egress('auth'), ['allow-dns', 'auth-cimd-egress', 'default-deny', 'gateway-to-nats']);
    assert.ok(allows(pod('auth'), internet, 443), 'auth → public HTTPS');
    for (const target of [lan, cloudMetadata]) assert.ok(!allows(pod('auth'), target, 443), 'auth → private');
    assert.ok(!allows(pod('auth'), internet, 80), 'auth → plain HTTP');
  });
});

describe('monitoring', () => {
  it('ServiceMonitors scrape every service on its SERVICE_PORTS port, under a job named after it', () => {
    const monitors = ofKind<IServiceMonitor>('ServiceMonitor');
    for (const name of SERVICES) {
      const service = named<IService>('Service', name);
      const labels = service.metadata.labels ?? {};
      const scraped = monitors.flatMap((m) =>
        selects(m.spec.selector, labels)
          ? (m.spec.endpoints?.filter((e) => e.path === '/metrics') ?? [])
          : [],
      );
      const ports = scraped.flatMap((e) => service.spec?.ports?.filter((p) => p.name === e.port) ?? []);
      assert.equal(ports.length, 1, `${name} is scraped once`);
      assert.equal(portNumber(container(name), ports[0]!.targetPort), SERVICE_PORTS[name].port, name);
    }
  });

  it('the PrometheusRule holds exactly the groups of deploy/prometheus/alerts.yml', () => {
    const rule = named<IPrometheusRule>('PrometheusRule', 'mcp-gateway');
    const { groups } = readYaml('deploy/prometheus/alerts.yml') as { groups: unknown };
    assert.deepEqual(rule.spec.groups, groups);
  });

  it('the Grafana dashboard ConfigMap holds deploy/grafana/dashboards/gateway.json for the sidecar', () => {
    const dashboards = ofKind<IConfigMap>('ConfigMap', defaults).filter(
      (c) => c.metadata.labels?.['grafana_dashboard'] === '1',
    );
    assert.deepEqual(
      dashboards.map((c) => c.metadata.name),
      ['gateway-dashboard'],
    );
    const json = dashboards[0]!.data?.['gateway.json'] ?? '';
    assert.equal(json, readText('deploy/grafana/dashboards/gateway.json'));
    assert.ok(
      typeof (JSON.parse(json) as { title?: unknown }).title === 'string',
      'a dashboard with a title',
    );
    // `kubectl apply` (client side) keeps the whole object in an annotation limited to 256 KiB.
    assert.ok(Buffer.byteLength(json) < 256 * 1024, 'small enough for kubectl apply');
  });
});
