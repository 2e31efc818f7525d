import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// Both are CommonJS modules whose `module.exports` also carries the class/plugin as `.default`.
const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;

/**
 * One Ajv for the whole process. Contract schemas and tool input schemas (JSON Schema 2020-12, the MCP
 * default dialect since 2025-11-25) are compiled once and cached by schema object, so validation on the
 * request path is a plain function call.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false });
addFormats(ajv);

const compiled = new WeakMap<object, ValidateFunction>();

export function compileSchema<T>(schema: object): ValidateFunction<T> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate as ValidateFunction<T>;
}

/** Whether `schema` compiles as JSON Schema; returns the compiler's message when it does not. */
export function schemaProblem(schema: object): string | undefined {
  try {
    compileSchema(schema);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Turns Ajv errors into one sentence a person or a model can act on, e.g.
 * `entity_id must match pattern "^[a-z_]+\.[a-z0-9_]+$"; unexpected property "colour"`.
 */
export function describeValidationErrors(
  errors: readonly ErrorObject[] | null | undefined,
  root = '',
): string {
  if (!errors || errors.length === 0) return 'is invalid';
  const parts = new Set<string>();
  for (const error of errors.slice(0, 8)) parts.add(describeOne(error, root));
  return [...parts].join('; ');
}

function describeOne(error: ErrorObject, root: string): string {
  const path = jsonPointerToPath(error.instancePath, root);
  switch (error.keyword) {
    case 'additionalProperties':
      return `${path ? `${path}: ` : ''}unexpected property "${String(error.params['additionalProperty'])}"`;
    case 'required':
      return `${path ? `${path}: ` : ''}missing required property "${String(error.params['missingProperty'])}"`;
    case 'enum':
      return `${path || 'value'} must be one of ${JSON.stringify(error.params['allowedValues'])}`;
    default:
      return `${path || 'value'} ${error.message ?? 'is invalid'}`;
  }
}

function jsonPointerToPath(pointer: string, root: string): string {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  const joined = tokens.map((t) => (/^\d+$/.test(t) ? `[${t}]` : `.${t}`)).join('');
  const path = `${root}${joined}`;
  return path.startsWith('.') ? path.slice(1) : path;
}
