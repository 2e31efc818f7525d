import { Type } from '@sinclair/typebox';
import { READ_ONLY, ToolError, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { HomeAssistantBackend } from '../backend.js';
import { slug } from '../schema.js';
import type { HassDomainServices, HassService } from '../types.js';
import { fieldNames, flatFields, responseMode } from './service-fields.js';

const Input = Type.Object(
  {
    domain: Type.Optional(slug('Only this domain, with each service\'s fields described, e.g. "light".')),
    service: Type.Optional(slug('With domain: only this service, e.g. "turn_on".')),
  },
  { additionalProperties: false },
);

export const listServices = defineTool<HomeAssistantBackend, typeof Input>({
  name: 'homeassistant_list_services',
  title: 'Home Assistant: list services',
  description: [
    'Lists the services (actions) Home Assistant offers, to find what homeassistant_call_service can do and which fields a service takes.',
    'Without arguments: every domain with its services and their field names.',
    'With domain (and optionally service): each field with description, whether it is required, an example and its value type, whether the service takes a target, and whether it returns data (response "required" means call it with return_response: true).',
    'Example: {"domain": "climate"} or {"domain": "light", "service": "turn_on"}.',
  ].join(' '),
  input: Input,
  annotations: READ_ONLY,
  async run(args, { backend, signal }) {
    if (args.service !== undefined && args.domain === undefined)
      throw new ToolError('service needs domain as well, e.g. {"domain": "light", "service": "turn_on"}.');
    const all = await backend.rest.get<HassDomainServices[]>('/api/services', { signal });
    const domains = [...all].sort((a, b) => a.domain.localeCompare(b.domain));
    if (args.domain === undefined) {
      const services: Record<string, Record<string, string[]>> = {};
      const responseRequired: string[] = [];
      for (const d of domains) {
        const entry: Record<string, string[]> = {};
        for (const [name, service] of sortedServices(d)) {
          entry[name] = fieldNames(service);
          if (responseMode(service) === 'required') responseRequired.push(`${d.domain}.${name}`);
        }
        services[d.domain] = entry;
      }
      return jsonResult({
        domains: domains.length,
        services,
        ...(responseRequired.length > 0 ? { response_required: responseRequired } : {}),
        hint: 'Pass a domain to see field descriptions, required fields and examples.',
      });
    }
    const entry = domains.find((d) => d.domain === args.domain);
    if (!entry)
      throw new ToolError(
        `No service domain "${args.domain}". Domains: ${domains.map((d) => d.domain).join(', ')}.`,
      );
    const picked = sortedServices(entry).filter(
      ([name]) => args.service === undefined || name === args.service,
    );
    if (picked.length === 0) {
      throw new ToolError(
        `No service ${args.domain}.${args.service ?? ''}. Services in ${args.domain}: ${Object.keys(entry.services).sort().join(', ')}.`,
      );
    }
    const services: Record<string, unknown> = {};
    for (const [name, service] of picked) services[name] = describeService(service);
    return jsonResult({ domain: entry.domain, services });
  },
});

function sortedServices(d: HassDomainServices): [string, HassService][] {
  return Object.entries(d.services).sort(([a], [b]) => a.localeCompare(b));
}

function describeService(service: HassService): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (service.description) out['description'] = service.description;
  if (service.target) out['target'] = true;
  const response = responseMode(service);
  if (response) out['response'] = response;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of flatFields(service)) {
    const f: Record<string, unknown> = {};
    if (field.description) f['description'] = field.description;
    if (field.required) f['required'] = true;
    if (field.example !== undefined && field.example !== null) f['example'] = field.example;
    const type = selectorSummary(field.selector);
    if (type !== undefined) f['type'] = type;
    fields[key] = f;
  }
  if (Object.keys(fields).length > 0) out['fields'] = fields;
  return out;
}

/** A selector in a few words: `number 0..255 %`, `select: a|b|c`, `boolean`, `entity (light)`. */
function selectorSummary(selector: Record<string, unknown> | null | undefined): string | undefined {
  if (!selector) return undefined;
  const [kind, raw] = Object.entries(selector)[0] ?? [];
  if (kind === undefined) return undefined;
  const options = (raw ?? {}) as Record<string, unknown>;
  switch (kind) {
    case 'number': {
      const bound = (v: unknown) => (typeof v === 'number' ? String(v) : '');
      const range =
        options['min'] !== undefined || options['max'] !== undefined
          ? ` ${bound(options['min'])}..${bound(options['max'])}`
          : '';
      const unit =
        typeof options['unit_of_measurement'] === 'string' ? ` ${options['unit_of_measurement']}` : '';
      return `number${range}${unit}`;
    }
    case 'select': {
      const list = Array.isArray(options['options']) ? options['options'] : [];
      const values = list.map((o) =>
        o !== null && typeof o === 'object' ? String((o as { value?: unknown }).value) : String(o),
      );
      return values.length > 0
        ? `select: ${values.slice(0, 30).join('|')}${values.length > 30 ? '|…' : ''}`
        : 'select';
    }
    case 'entity': {
      const filter = options['filter'] ?? options['domain'];
      const filters: unknown[] = Array.isArray(filter) ? filter : [filter];
      const domains = filters
        .flatMap((f): unknown =>
          f !== null && typeof f === 'object' ? (f as { domain?: unknown }).domain : f,
        )
        .filter((d): d is string => typeof d === 'string');
      return domains.length > 0 ? `entity (${[...new Set(domains)].join(', ')})` : 'entity';
    }
    default:
      return kind;
  }
}
