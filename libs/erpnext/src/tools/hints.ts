import { FrappeRequestError } from '../frappe-errors.js';

/** What the model can do next, by Frappe's HTTP status. */
export type Hints = Partial<Record<403 | 404 | 409 | 417, string>>;

/** Adds the next step to a Frappe refusal; every other error passes unchanged. */
export async function explained<T>(work: Promise<T>, hints: Hints): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof FrappeRequestError) {
      const hint = hints[error.status as keyof Hints];
      if (hint)
        throw new FrappeRequestError(error.status, error.excType, error.messages, `${error.message} ${hint}`);
    }
    throw error;
  }
}

export const LIST_HINTS: Hints = {
  404: 'Check the DocType name with erpnext_list_doctypes (names are case-sensitive, e.g. "Sales Invoice").',
  417: 'Check field names with erpnext_describe_doctype; child-table fields need ["Child DocType", "field", "operator", value] in filters.',
};

export const DOCUMENT_HINTS: Hints = {
  404: 'Find the exact name with erpnext_list_documents (e.g. a "like" filter on name or the title field).',
};

export const WRITE_HINTS: Hints = {
  ...DOCUMENT_HINTS,
  409: 'A document with that name exists: read it with erpnext_get_document or change it with erpnext_update_document.',
  417: 'erpnext_describe_doctype lists the required fields, Select options and link targets.',
};
