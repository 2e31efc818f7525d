/** The simulator's books: plain records the resolvers turn into Wave's GraphQL shapes. */

export interface AddressRecord {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  provinceCode?: string;
  countryCode?: string;
  postalCode?: string;
}

export interface ShippingRecord {
  name?: string;
  phone?: string;
  instructions?: string;
  address?: AddressRecord;
}

export interface UserRecord {
  id: string;
  firstName: string;
  lastName: string;
  defaultEmail: string;
  createdAt: string;
  modifiedAt: string;
}

export interface BusinessRecord {
  id: string;
  name: string;
  isPersonal: boolean;
  isArchived: boolean;
  currency: string;
  organizationalType: string | null;
  timezone: string;
  phone?: string;
  website?: string;
  type: { name: string; value: string } | null;
  subtype: { name: string; value: string } | null;
  address?: AddressRecord;
  emailSendEnabled: boolean;
  createdAt: string;
  modifiedAt: string;
  /** The next automatic invoice number. */
  nextInvoiceNumber: number;
}

/** Customers and vendors share Wave's contact fields. */
export interface ContactRecord {
  id: string;
  businessId: string;
  name: string;
  firstName?: string;
  lastName?: string;
  displayId?: string;
  email?: string;
  mobile?: string;
  phone?: string;
  fax?: string;
  tollFree?: string;
  website?: string;
  internalNotes?: string;
  currency?: string;
  address?: AddressRecord;
  shippingDetails?: ShippingRecord;
  isArchived: boolean;
  createdAt: string;
  modifiedAt: string;
}

export interface SalesTaxRecord {
  id: string;
  businessId: string;
  name: string;
  abbreviation: string;
  description?: string;
  /** A fraction in millionths: 0.08 → 80_000n. */
  rateMicros: bigint;
  isArchived: boolean;
  createdAt: string;
  modifiedAt: string;
}

export type AccountTypeValue = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'INCOME' | 'EXPENSE';

export interface AccountRecord {
  id: string;
  businessId: string;
  name: string;
  description?: string;
  displayId?: string;
  subtype: string;
  currency: string;
  isArchived: boolean;
  sequence: number;
  /** In minor units of the account's currency, signed in the account's normal direction. */
  balanceMinor: bigint;
  createdAt: string;
  modifiedAt: string;
}

export interface ProductRecord {
  id: string;
  businessId: string;
  name: string;
  description?: string;
  unitPriceMicros: bigint;
  incomeAccountId?: string;
  expenseAccountId?: string;
  salesTaxIds: string[];
  isArchived: boolean;
  createdAt: string;
  modifiedAt: string;
}

export interface InvoiceItemRecord {
  id: string;
  productId: string;
  accountId?: string;
  description?: string;
  quantityMicros: bigint;
  unitPriceMicros: bigint;
  subtotalMinor: bigint;
  taxes: { salesTaxId: string; rateMicros: bigint; amountMinor: bigint }[];
}

export interface InvoiceDiscountRecord {
  type: 'FIXED' | 'PERCENTAGE';
  name?: string;
  /** FIXED: an amount; PERCENTAGE: a percentage (10 → 10_000_000n). */
  valueMicros: bigint;
  createdAt: string;
}

export interface InvoiceRecord {
  id: string;
  businessId: string;
  customerId: string;
  invoiceNumber: string;
  title: string;
  subhead?: string;
  poNumber?: string;
  invoiceDate: string;
  dueDate: string;
  memo?: string;
  footer?: string;
  currency: string;
  exchangeRateMicros: bigint;
  /** DRAFT until approved; approved invoices are SAVED, SENT, … depending on what happened since. */
  approved: boolean;
  lastSentAt?: string;
  lastSentVia?: string;
  lastViewedAt?: string;
  amountPaidMinor: bigint;
  items: InvoiceItemRecord[];
  discounts: InvoiceDiscountRecord[];
  options: Record<string, boolean | string>;
  createdAt: string;
  modifiedAt: string;
}

export interface TransactionRecord {
  id: string;
  businessId: string;
  externalId: string;
  date: string;
  description?: string;
  notes?: string;
  anchor: { accountId: string; amountMinor: bigint; direction: 'DEPOSIT' | 'WITHDRAWAL' };
  lineItems: {
    accountId: string;
    amountMinor: bigint;
    balance: string;
    customerId?: string;
    description?: string;
  }[];
  createdAt: string;
}

/** An email the simulator "sent" for `invoiceSend`, for tests to inspect. */
export interface SentInvoiceEmail {
  invoiceId: string;
  to: string[];
  subject?: string;
  message?: string;
  attachPDF: boolean;
  ccMyself: boolean;
  sentAt: string;
}

interface SubtypeInfo {
  readonly name: string;
  readonly type: AccountTypeValue;
  readonly archivable: boolean;
  readonly systemCreated: boolean;
}

export const ACCOUNT_TYPES: Readonly<Record<AccountTypeValue, { name: string; normal: 'DEBIT' | 'CREDIT' }>> =
  {
    ASSET: { name: 'Assets', normal: 'DEBIT' },
    LIABILITY: { name: 'Liabilities & Credit Cards', normal: 'CREDIT' },
    EQUITY: { name: 'Equity', normal: 'CREDIT' },
    INCOME: { name: 'Income', normal: 'CREDIT' },
    EXPENSE: { name: 'Expenses', normal: 'DEBIT' },
  };

export const ACCOUNT_SUBTYPES: Readonly<Record<string, SubtypeInfo>> = {
  CASH_AND_BANK: { name: 'Cash and Bank', type: 'ASSET', archivable: true, systemCreated: false },
  MONEY_IN_TRANSIT: { name: 'Money in Transit', type: 'ASSET', archivable: true, systemCreated: false },
  ACCOUNTS_RECEIVABLE: { name: 'Accounts Receivable', type: 'ASSET', archivable: false, systemCreated: true },
  INVENTORY: { name: 'Inventory', type: 'ASSET', archivable: true, systemCreated: false },
  OTHER_CURRENT_ASSET: { name: 'Other Current Asset', type: 'ASSET', archivable: true, systemCreated: false },
  PROPERTY_PLANT_EQUIPMENT: {
    name: 'Property, Plant, Equipment',
    type: 'ASSET',
    archivable: true,
    systemCreated: false,
  },
  CREDIT_CARD: { name: 'Credit Card', type: 'LIABILITY', archivable: true, systemCreated: false },
  LOANS: { name: 'Loan and Line of Credit', type: 'LIABILITY', archivable: true, systemCreated: false },
  ACCOUNTS_PAYABLE: { name: 'Accounts Payable', type: 'LIABILITY', archivable: false, systemCreated: true },
  SALES_TAX: { name: 'Sales Taxes', type: 'LIABILITY', archivable: false, systemCreated: true },
  OTHER_CURRENT_LIABILITY: {
    name: 'Other Current Liability',
    type: 'LIABILITY',
    archivable: true,
    systemCreated: false,
  },
  OWNERS_EQUITY: {
    name: 'Business Owner Contribution and Drawing',
    type: 'EQUITY',
    archivable: true,
    systemCreated: false,
  },
  RETAINED_EARNINGS: {
    name: 'Retained Earnings: Profit',
    type: 'EQUITY',
    archivable: false,
    systemCreated: true,
  },
  INCOME: { name: 'Income', type: 'INCOME', archivable: true, systemCreated: false },
  DISCOUNTS: { name: 'Discount', type: 'INCOME', archivable: true, systemCreated: false },
  OTHER_INCOME: { name: 'Other Income', type: 'INCOME', archivable: true, systemCreated: false },
  EXPENSE: { name: 'Operating Expense', type: 'EXPENSE', archivable: true, systemCreated: false },
  COST_OF_GOODS_SOLD: { name: 'Cost of Goods Sold', type: 'EXPENSE', archivable: true, systemCreated: false },
  PAYMENT_PROCESSING_FEES: {
    name: 'Payment Processing Fee',
    type: 'EXPENSE',
    archivable: true,
    systemCreated: false,
  },
  PAYROLL_EXPENSES: { name: 'Payroll Expense', type: 'EXPENSE', archivable: true, systemCreated: false },
};

export function subtypeInfo(value: string): SubtypeInfo {
  const info = ACCOUNT_SUBTYPES[value];
  if (!info) throw new Error(`unknown account subtype ${value}`);
  return info;
}

export function accountType(account: Pick<AccountRecord, 'subtype'>): AccountTypeValue {
  return subtypeInfo(account.subtype).type;
}
