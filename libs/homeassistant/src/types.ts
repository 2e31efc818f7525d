/** Home Assistant payload shapes, as far as the tools read them (`home-assistant-js-websocket` `lib/types.ts`). */

export interface HassState {
  readonly entity_id: string;
  /** Always a string: "on", "21.5", "unavailable". */
  readonly state: string;
  readonly attributes: Record<string, unknown>;
  readonly last_changed: string;
  readonly last_updated?: string;
  readonly last_reported?: string;
  readonly context?: {
    readonly id: string;
    readonly parent_id: string | null;
    readonly user_id: string | null;
  };
}

/** A history row; with `minimal_response` only the first and last rows carry attributes and entity_id. */
export interface HassHistoryRow {
  readonly entity_id?: string;
  readonly state: string;
  readonly attributes?: Record<string, unknown>;
  readonly last_changed: string;
  readonly last_updated?: string;
}

export interface HassLogbookEntry {
  readonly when: string;
  readonly name?: string;
  readonly message?: string;
  readonly state?: string;
  readonly domain?: string;
  readonly entity_id?: string;
  readonly context_user_id?: string | null;
  readonly context_event_type?: string;
  readonly context_domain?: string;
  readonly context_service?: string;
  readonly context_entity_id?: string;
  readonly context_name?: string;
}

export interface HassServiceField {
  readonly name?: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly example?: unknown;
  readonly selector?: Record<string, unknown> | null;
  /** A collapsible section of fields (services.yaml `sections`). */
  readonly fields?: Record<string, HassServiceField>;
}

export interface HassService {
  readonly name?: string;
  readonly description?: string;
  readonly fields?: Record<string, HassServiceField>;
  readonly target?: Record<string, unknown> | null;
  /** `optional: false` means the service only works when the caller asks for its response. */
  readonly response?: { readonly optional: boolean } | null;
}

export interface HassDomainServices {
  readonly domain: string;
  readonly services: Record<string, HassService>;
}

export interface HassConfig {
  readonly location_name?: string;
  readonly version?: string;
  readonly time_zone?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly elevation?: number;
  readonly unit_system?: Record<string, string>;
  readonly components?: readonly string[];
  readonly currency?: string;
  readonly country?: string | null;
  readonly language?: string;
  readonly state?: string;
  readonly safe_mode?: boolean;
  readonly recovery_mode?: boolean;
  readonly external_url?: string | null;
  readonly internal_url?: string | null;
  readonly config_source?: string;
  readonly radius?: number;
}

export interface HassCalendar {
  readonly entity_id: string;
  readonly name: string;
}

export interface HassCalendarEvent {
  readonly summary: string;
  readonly start: { readonly date?: string; readonly dateTime?: string };
  readonly end: { readonly date?: string; readonly dateTime?: string };
  readonly description?: string | null;
  readonly location?: string | null;
  readonly uid?: string | null;
  readonly recurrence_id?: string | null;
  readonly rrule?: string | null;
}

export interface HassConversationResult {
  readonly response: {
    readonly response_type: 'action_done' | 'query_answer' | 'error';
    readonly language?: string;
    readonly data?: {
      readonly code?: string;
      readonly targets?: readonly HassIntentTarget[];
      readonly success?: readonly HassIntentTarget[];
      readonly failed?: readonly HassIntentTarget[];
    };
    readonly speech?: { readonly plain?: { readonly speech?: string } };
  };
  readonly conversation_id?: string | null;
  readonly continue_conversation?: boolean;
}

export interface HassIntentTarget {
  readonly name: string;
  readonly type: string;
  readonly id?: string | null;
}

export interface HassAreaEntry {
  readonly area_id: string;
  readonly name: string;
  readonly floor_id?: string | null;
  readonly aliases?: readonly string[];
  readonly labels?: readonly string[];
  readonly icon?: string | null;
}

export interface HassFloorEntry {
  readonly floor_id: string;
  readonly name: string;
  readonly level?: number | null;
  readonly aliases?: readonly string[];
}

export interface HassDeviceEntry {
  readonly id: string;
  readonly name: string | null;
  readonly name_by_user?: string | null;
  readonly manufacturer?: string | null;
  readonly model?: string | null;
  readonly area_id?: string | null;
  readonly disabled_by?: string | null;
  readonly entry_type?: string | null;
  readonly via_device_id?: string | null;
  readonly sw_version?: string | null;
  readonly labels?: readonly string[];
}

export interface HassEntityRegistryEntry {
  readonly entity_id: string;
  readonly area_id?: string | null;
  readonly device_id?: string | null;
  readonly disabled_by?: string | null;
  readonly hidden_by?: string | null;
  readonly name?: string | null;
  readonly original_name?: string | null;
  readonly platform?: string;
  readonly entity_category?: string | null;
  readonly labels?: readonly string[];
}
