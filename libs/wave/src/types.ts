import type { WaveInputErrorEntry } from './errors.js';
import type { WaveMoney } from './money.js';

/** Shapes of the fields the connector's documents select (documents.ts). */

export interface WavePageInfo {
  readonly currentPage: number;
  readonly totalPages: number;
  readonly totalCount: number;
}

export interface WaveConnection<T> {
  readonly pageInfo: WavePageInfo;
  readonly edges: readonly { readonly node: T }[];
}

export interface Ref {
  readonly id: string;
  readonly name: string;
}

export interface CodeRef {
  readonly code: string;
  readonly symbol?: string;
}

export interface WaveBusiness {
  readonly id: string;
  readonly name: string;
  readonly isPersonal: boolean;
  readonly isArchived: boolean;
  readonly currency: CodeRef;
  readonly type: { readonly name: string; readonly value: string } | null;
}

export interface WaveAddress {
  readonly addressLine1: string | null;
  readonly addressLine2: string | null;
  readonly city: string | null;
  readonly postalCode: string | null;
  readonly province: { readonly code: string; readonly name: string } | null;
  readonly country: { readonly code: string; readonly name: string } | null;
}

export interface WaveCustomer {
  readonly id: string;
  readonly name: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly displayId: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly mobile: string | null;
  readonly website: string | null;
  readonly isArchived: boolean | null;
  readonly currency: CodeRef | null;
  readonly address: WaveAddress | null;
  readonly outstandingAmount: WaveMoney | null;
  readonly overdueAmount: WaveMoney | null;
}

export interface WaveSalesTaxRef {
  readonly id: string;
  readonly name: string;
  readonly abbreviation: string;
  readonly rate?: string | number;
}

export interface WaveProduct {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly unitPrice: string | number;
  readonly isSold: boolean;
  readonly isBought: boolean;
  readonly isArchived: boolean;
  readonly incomeAccount: Ref | null;
  readonly expenseAccount: Ref | null;
  readonly defaultSalesTaxes: readonly WaveSalesTaxRef[];
}

export interface WaveAccount {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly displayId: string | null;
  readonly isArchived: boolean;
  readonly balance: string | number | null;
  readonly currency: CodeRef;
  readonly type: { readonly name: string; readonly value: string };
  readonly subtype: { readonly name: string; readonly value: string };
}

export interface WaveVendor {
  readonly id: string;
  readonly name: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
  readonly isArchived: boolean | null;
  readonly currency: CodeRef | null;
}

export interface WaveInvoiceSummary {
  readonly id: string;
  readonly status: string;
  readonly title: string;
  readonly invoiceNumber: string;
  readonly poNumber: string | null;
  readonly invoiceDate: string;
  readonly dueDate: string;
  readonly viewUrl: string;
  readonly pdfUrl: string;
  readonly lastSentAt: string | null;
  readonly currency: CodeRef;
  readonly customer: { readonly id: string; readonly name: string; readonly email: string | null } | null;
  readonly total: WaveMoney;
  readonly amountDue: WaveMoney;
  readonly amountPaid: WaveMoney;
}

export interface WaveInvoiceItem {
  readonly description: string | null;
  readonly quantity: string | number;
  readonly unitPrice: string | number;
  readonly product: Ref | null;
  readonly account: Ref | null;
  readonly subtotal: WaveMoney;
  readonly total: WaveMoney;
  readonly taxes: readonly {
    readonly amount: WaveMoney;
    readonly rate: string | number;
    readonly salesTax: WaveSalesTaxRef;
  }[];
}

export interface WaveInvoiceDetail extends WaveInvoiceSummary {
  readonly memo: string | null;
  readonly footer: string | null;
  readonly lastSentVia: string | null;
  readonly lastViewedAt: string | null;
  readonly subtotal: WaveMoney;
  readonly taxTotal: WaveMoney;
  readonly discountTotal: WaveMoney;
  readonly items: readonly WaveInvoiceItem[];
}

/** Every Wave mutation payload (backends.md §4.5). */
export interface MutationPayload {
  readonly didSucceed: boolean;
  readonly inputErrors: readonly WaveInputErrorEntry[] | null;
}
