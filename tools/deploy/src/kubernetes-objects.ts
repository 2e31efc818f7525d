/**
 * Plain-data helpers shared by the kustomize expander, the schema check and the network-policy model: what a
 * Kubernetes object looks like before validation, where its pod spec is, and how label selectors match.
 */

/** An object as read from YAML: only its type and metadata are known until it has been validated. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a list; absent means empty, as in Kubernetes. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

const POD_TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** The pod template of a workload (`spec.template`), or undefined for other kinds. */
export function podTemplateOf(object: KubeObject): Record<string, unknown> | undefined {
  if (!POD_TEMPLATE_KINDS.has(object.kind) || !isRecord(object['spec'])) return undefined;
  const template = object['spec']['template'];
  return isRecord(template) ? template : undefined;
}

export function podSpecOf(object: KubeObject): Record<string, unknown> | undefined {
  const spec = podTemplateOf(object)?.['spec'];
  return isRecord(spec) ? spec : undefined;
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: string;
    readonly values?: readonly string[];
  }[];
}

/** Kubernetes label-selector semantics; an empty selector selects everything. */
export function selects(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      switch (operator) {
        case 'In':
          return key in labels && values.includes(labels[key] ?? '');
        case 'NotIn':
          return !(key in labels) || !values.includes(labels[key] ?? '');
        case 'Exists':
          return key in labels;
        case 'DoesNotExist':
          return !(key in labels);
        default:
          throw new Error(`unknown label selector operator ${operator}`);
      }
    })
  );
}
