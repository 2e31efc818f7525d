/**
 * Frappe's exceptions as the simulator raises them (`frappe/exceptions.py`). Each carries the HTTP status
 * Frappe derives from its class, and what Frappe would have put in the response: messages `frappe.throw`
 * added to the message log (`_server_messages`), or `frappe.flags.error_message` (`_error_message`).
 */
export class FrappeException extends Error {
  constructor(
    /** The Python class name, sent as `exc_type`. */
    readonly excType: string,
    readonly httpStatus: number,
    /** Messages `frappe.throw`/`msgprint` logged before raising; empty for a bare `raise`. */
    readonly serverMessages: readonly ServerMessage[] = [],
    /** The exception's own text (after `frappe.exceptions.<Type>: ` in `exception`). */
    readonly detail = '',
    /** `frappe.flags.error_message` (permission errors). */
    readonly errorMessage?: string,
  ) {
    super(detail !== '' ? detail : (serverMessages[0]?.message ?? excType));
    this.name = 'FrappeException';
  }
}

export interface ServerMessage {
  readonly message: string;
  readonly title?: string;
  readonly indicator?: string;
}

/** `frappe.throw(message, exc)`: the message goes to the log and becomes the exception's text. */
function thrown(excType: string, status: number, message: string, title = 'Message'): FrappeException {
  return new FrappeException(excType, status, [{ message, title, indicator: 'red' }], message);
}

export const validationError = (message: string, excType = 'ValidationError', title?: string) =>
  thrown(excType, 417, message, title);

/** `_validate_mandatory`: one logged message per missing field, then the bare exception. */
export const mandatoryError = (doctype: string, label: string, name: string) =>
  missingValues(doctype, name, [
    { fieldname: label, message: `Error: Value missing for ${doctype}: ${label}` },
  ]);

export function missingValues(
  doctype: string,
  name: string,
  missing: readonly { fieldname: string; message: string }[],
): FrappeException {
  return new FrappeException(
    'MandatoryError',
    417,
    missing.map((m) => ({ message: m.message, title: 'Message', indicator: 'red' })),
    `[${doctype}, ${name}]: ${missing.map((m) => m.fieldname).join(', ')}`,
  );
}

export const doesNotExist = (doctype: string, name: string) =>
  thrown('DoesNotExistError', 404, `${doctype} ${name} not found`);

/** `db_insert` on a primary-key violation: a titled message, then the bare exception (409). */
export const duplicateEntry = (doctype: string, name: string) =>
  new FrappeException(
    'DuplicateEntryError',
    409,
    [
      {
        message: `${doctype} <strong>${name}</strong> already exists`,
        title: 'Duplicate Name',
        indicator: 'red',
      },
    ],
    `('${doctype}', '${name}', IntegrityError(1062, "Duplicate entry '${name}' for key 'PRIMARY'"))`,
  );

/** `raise_no_permission_to` / db_query's read check: only `_error_message`, no message log. */
export const permissionError = (doctype: string, detail = doctype) =>
  new FrappeException(
    'PermissionError',
    403,
    [],
    detail,
    `Insufficient Permission for <strong>${doctype}</strong>`,
  );

/** `frappe.throw(_("Not permitted"), frappe.PermissionError)` (wrong HTTP method, Guest calls). */
export const notPermitted = () => thrown('PermissionError', 403, 'Not permitted');

/** A bad API key or secret: `raise frappe.AuthenticationError` with nothing logged. */
export const authenticationError = () => new FrappeException('AuthenticationError', 401);

export const dataError = (field: string) =>
  thrown('DataError', 417, `Field not permitted in query: ${field}`);

/** A bare `raise` of a ValidationError subclass with its text (no message log), e.g. docstatus moves. */
export const bareValidation = (excType: string, detail: string) =>
  new FrappeException(excType, 417, [], detail);
