import type { HassService, HassServiceField } from '../types.js';

/** Field entries with sections flattened (services.yaml groups advanced fields in collapsible sections). */
export function flatFields(service: HassService): [string, HassServiceField][] {
  const out: [string, HassServiceField][] = [];
  const walk = (fields: Record<string, HassServiceField> | undefined) => {
    for (const [key, field] of Object.entries(fields ?? {})) {
      if (field.fields && !field.selector) walk(field.fields);
      else out.push([key, field]);
    }
  };
  walk(service.fields);
  return out;
}

export function fieldNames(service: HassService): string[] {
  return flatFields(service).map(([key]) => key);
}

/** `"required"` when the service only runs with return_response, `"optional"` when it can return data. */
export function responseMode(service: HassService): 'required' | 'optional' | undefined {
  if (!service.response) return undefined;
  return service.response.optional ? 'optional' : 'required';
}
