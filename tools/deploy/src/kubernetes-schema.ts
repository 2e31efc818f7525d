import { join } from 'node:path';
import ts from 'typescript';
import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { ROOT } from './files.js';
import type { KubeObject } from './kubernetes-objects.js';

/**
 * Validates manifests against the Kubernetes (and Prometheus Operator) schemas, in two passes:
 *
 * 1. kubernetes-models' own validators (ajv, compiled from the OpenAPI schemas): types, enums, required fields.
 *    They accept unknown fields, as the OpenAPI schemas do not forbid them.
 * 2. Unknown fields, which the API server refuses (`kubectl apply` validates strictly) and which are the typical
 *    typo (`livenessProbes`). kubernetes-models ships its schemas only as compiled code, but also as TypeScript
 *    declarations generated from the same OpenAPI documents (`IDeployment`, …), so the object is walked against
 *    those types with the TypeScript compiler: a key the type does not declare is an unknown field.
 */
interface KindEntry {
  readonly apiVersion: string;
  readonly kind: string;
  /** Module whose `I<kind>` interface describes the kind, for the unknown-field walk. */
  readonly module: string;
  readonly validate: (object: KubeObject) => void;
}

interface ModelClass<T> {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: T): { validate(): void };
}

function entry<T>(model: ModelClass<T>, module: string): KindEntry {
  return {
    apiVersion: model.apiVersion,
    kind: model.kind,
    module,
    validate: (object) => new model(object as T).validate(),
  };
}

/** Every kind the manifests may use; anything else is an error, so a new kind is a conscious addition. */
const KINDS: readonly KindEntry[] = [
  entry(Namespace, 'kubernetes-models/v1'),
  entry(ConfigMap, 'kubernetes-models/v1'),
  entry(Secret, 'kubernetes-models/v1'),
  entry(Service, 'kubernetes-models/v1'),
  entry(Deployment, 'kubernetes-models/apps/v1'),
  entry(StatefulSet, 'kubernetes-models/apps/v1'),
  entry(HorizontalPodAutoscaler, 'kubernetes-models/autoscaling/v2'),
  entry(PodDisruptionBudget, 'kubernetes-models/policy/v1'),
  entry(NetworkPolicy, 'kubernetes-models/networking.k8s.io/v1'),
  entry(Ingress, 'kubernetes-models/networking.k8s.io/v1'),
  entry(ServiceMonitor, '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'),
  entry(PrometheusRule, '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1'),
];

const typeKey = (apiVersion: string, kind: string): string => `${apiVersion}/${kind}`;

export class KubernetesSchemas {
  private readonly kinds = new Map(KINDS.map((k) => [typeKey(k.apiVersion, k.kind), k]));
  private readonly types: DeclaredTypes;

  constructor() {
    this.types = new DeclaredTypes(KINDS);
  }

  /** Everything wrong with one object, as `<kind>/<name><path>: <problem>` lines; empty when it is valid. */
  problems(object: KubeObject): string[] {
    const where = `${object.kind}/${object.metadata.name}`;
    const kind = this.kinds.get(typeKey(object.apiVersion, object.kind));
    if (!kind) return [`${where}: unknown kind ${typeKey(object.apiVersion, object.kind)}`];
    const out: string[] = [];
    try {
      kind.validate(object);
    } catch (error) {
      out.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    out.push(...this.types.unknownFields(kind, object).map((problem) => `${where}${problem}`));
    return out;
  }
}

/** The kinds' TypeScript interfaces, resolved once through a small in-memory program. */
class DeclaredTypes {
  private readonly checker: ts.TypeChecker;
  private readonly byKind = new Map<KindEntry, ts.Type>();

  constructor(kinds: readonly KindEntry[]) {
    // A virtual file beside this project, so the imports resolve through the repository's node_modules.
    const file = join(ROOT, 'tools/deploy/src/__kubernetes_types__.ts');
    const source = kinds
      .map((k, i) => `import type { I${k.kind} as T${i} } from '${k.module}';\nexport type K${i} = T${i};`)
      .join('\n');
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.getSourceFile = (name, language, ...rest) =>
      name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
    host.fileExists = (name) => name === file || fileExists(name);
    const program = ts.createProgram([file], options, host);
    const problems = ts.getPreEmitDiagnostics(program, program.getSourceFile(file));
    if (problems.length > 0) {
      throw new Error(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
    }
    this.checker = program.getTypeChecker();
    const aliases = program.getSourceFile(file)?.statements.filter(ts.isTypeAliasDeclaration) ?? [];
    kinds.forEach((kind, i) => {
      const alias = aliases[i];
      if (alias) this.byKind.set(kind, this.checker.getTypeAtLocation(alias.name));
    });
  }

  unknownFields(kind: KindEntry, object: KubeObject): string[] {
    const type = this.byKind.get(kind);
    if (!type) throw new Error(`no declared type for ${kind.kind}`);
    const out: string[] = [];
    this.walk(object, type, '', out);
    return out;
  }

  private walk(value: unknown, declared: ts.Type, path: string, out: string[]): void {
    const type = this.checker.getNonNullableType(declared);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    if (Array.isArray(value)) {
      const element = this.checker.isArrayType(type)
        ? this.checker.getTypeArguments(type as ts.TypeReference)[0]
        : undefined;
      // A list where the schema wants something else is a type error, reported by the validator.
      if (element) value.forEach((item, i) => this.walk(item, element, `${path}/${i}`, out));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const shapes = (type.isUnion() ? type.types : [type]).filter(
      (t) => t.flags & ts.TypeFlags.Object && !this.checker.isArrayType(t),
    );
    if (shapes.length === 0) return;
    for (const [key, child] of Object.entries(value)) {
      const childType = this.fieldType(shapes, key);
      if (childType === undefined) out.push(`${path}/${key}: unknown field`);
      else this.walk(child, childType, `${path}/${key}`, out);
    }
  }

  /** The declared type of `key` in one of the object shapes, or undefined when none declares it. */
  private fieldType(shapes: readonly ts.Type[], key: string): ts.Type | undefined {
    for (const shape of shapes) {
      const property = this.checker.getPropertyOfType(shape, key);
      if (property) return this.checker.getTypeOfSymbol(property);
      const index = this.checker.getIndexInfoOfType(shape, ts.IndexKind.String);
      if (index) return index.type;
      // `{}`: a free-form field (x-kubernetes-preserve-unknown-fields), anything goes.
      if (this.checker.getPropertiesOfType(shape).length === 0) return this.checker.getAnyType();
    }
    return undefined;
  }
}
