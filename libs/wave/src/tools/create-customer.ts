import { Type } from '@sinclair/typebox';
import { WRITE, defineTool, jsonResult } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from '../backend.js';
import { customerRow } from '../compact.js';
import { CREATE_CUSTOMER } from '../documents.js';
import { businessIdProperty, currencyCode, text } from '../schema.js';
import type { MutationPayload, WaveCustomer } from '../types.js';

const Address = Type.Object(
  {
    line1: Type.Optional(text('Street address, e.g. "1 Main St".')),
    line2: Type.Optional(text('Suite, unit, floor.')),
    city: Type.Optional(text('City.')),
    province_code: Type.Optional(
      Type.String({
        pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$',
        description: 'ISO 3166-2 code, e.g. "CA-ON", "US-NY".',
      }),
    ),
    country_code: Type.Optional(
      Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. "US".' }),
    ),
    postal_code: Type.Optional(text('Postal or ZIP code.', 20)),
  },
  { additionalProperties: false, minProperties: 1, description: 'Billing address; give at least one field.' },
);

const Input = Type.Object(
  {
    ...businessIdProperty(),
    name: text('Customer (company or person) name as it appears on invoices, e.g. "Acme Ltd".'),
    first_name: Type.Optional(text('Contact first name.')),
    last_name: Type.Optional(text('Contact last name.')),
    email: Type.Optional(
      Type.String({ format: 'email', maxLength: 254, description: 'Where invoices are sent.' }),
    ),
    phone: Type.Optional(text('Phone number.', 50)),
    mobile: Type.Optional(text('Mobile number.', 50)),
    website: Type.Optional(text('Website URL.')),
    currency: Type.Optional(
      currencyCode(
        'ISO 4217 currency for this customer\'s invoices, e.g. "EUR". Default: the business currency.',
      ),
    ),
    display_id: Type.Optional(text('Your own account number for the customer.', 50)),
    internal_notes: Type.Optional(text('Private notes, never shown to the customer.', 2000)),
    address: Type.Optional(Address),
  },
  { additionalProperties: false },
);

type Payload = MutationPayload & { customer: WaveCustomer | null };

export const createCustomer = defineTool<WaveBackend, typeof Input>({
  name: 'wave_create_customer',
  title: 'Wave: create a customer',
  description: [
    'Creates a customer in a Wave business and returns it with its id (use it as customer_id in wave_create_invoice).',
    'Only name is required. Check first with wave_list_customers {"search": …} that the customer does not exist yet: Wave allows duplicates.',
    'Example: {"name": "Acme Ltd", "first_name": "Ann", "last_name": "Lee", "email": "ann@acme.test", "currency": "USD", "address": {"line1": "1 Main St", "city": "Toronto", "province_code": "CA-ON", "country_code": "CA", "postal_code": "M5V 1A1"}}.',
  ].join(' '),
  input: Input,
  annotations: WRITE,
  async run(args, { backend, signal }) {
    const businessId = await backend.resolveBusinessId(args.business_id, signal);
    const input: Record<string, unknown> = { businessId, name: args.name };
    const fields = {
      firstName: args.first_name,
      lastName: args.last_name,
      email: args.email,
      phone: args.phone,
      mobile: args.mobile,
      website: args.website,
      currency: args.currency,
      displayId: args.display_id,
      internalNotes: args.internal_notes,
    };
    // Wave sees omitted fields, never nulls (backends.md §4.5).
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) input[key] = value;
    if (args.address) {
      const a = args.address;
      const address: Record<string, string> = {};
      if (a.line1) address['addressLine1'] = a.line1;
      if (a.line2) address['addressLine2'] = a.line2;
      if (a.city) address['city'] = a.city;
      if (a.province_code) address['provinceCode'] = a.province_code;
      if (a.country_code) address['countryCode'] = a.country_code;
      if (a.postal_code) address['postalCode'] = a.postal_code;
      input['address'] = address;
    }
    const payload = await backend.mutate<Payload>(
      CREATE_CUSTOMER,
      'customerCreate',
      input,
      'create the customer',
      {
        signal,
      },
    );
    const customer = payload.customer;
    return jsonResult({
      created: true,
      business_id: businessId,
      customer: customer ? customerRow(customer, args.currency ?? customer.currency?.code ?? 'USD') : null,
    });
  },
});
