/**
 * HA's exception hierarchy (`homeassistant/exceptions.py`). The REST and WS layers map these to
 * HTTP statuses and WS error codes exactly as `api/__init__.py` and `websocket_api/commands.py` do.
 */
export interface Translation {
  translation_domain: string;
  translation_key: string;
  translation_placeholders: Record<string, string>;
}

export class HomeAssistantError extends Error {
  constructor(
    message: string,
    readonly translation?: Translation,
  ) {
    super(message);
  }
}

export class ServiceValidationError extends HomeAssistantError {}

/** `ServiceNotFound` subclasses `ServiceValidationError` since 2024.5. */
export class ServiceNotFound extends ServiceValidationError {
  constructor(
    readonly domain: string,
    readonly service: string,
  ) {
    super(`Action ${domain}.${service} not found.`, {
      translation_domain: 'homeassistant',
      translation_key: 'service_not_found',
      translation_placeholders: { domain, service },
    });
  }
}

/** Raised when an explicitly targeted entity lacks the feature the action needs. */
export class ServiceNotSupported extends ServiceValidationError {
  constructor(domain: string, service: string, entityId: string) {
    super(`Entity ${entityId} does not support action ${domain}.${service}.`, {
      translation_domain: 'homeassistant',
      translation_key: 'service_not_supported',
      translation_placeholders: { entity_id: entityId, domain, service },
    });
  }
}

/** Build a translated `ServiceValidationError` whose message is the rendered translation. */
export function validationError(
  domain: string,
  key: string,
  template: string,
  placeholders: Record<string, string>,
): ServiceValidationError {
  const message = template.replace(/\{(\w+)\}/g, (_, name: string) => placeholders[name] ?? `{${name}}`);
  return new ServiceValidationError(message, {
    translation_domain: domain,
    translation_key: key,
    translation_placeholders: placeholders,
  });
}
