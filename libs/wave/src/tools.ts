import type { ToolDefinition } from '@mcp-gateway/connector-kit';
import type { WaveBackend } from './backend.js';
import { createCustomer } from './tools/create-customer.js';
import { createInvoice } from './tools/create-invoice.js';
import { createMoneyTransaction } from './tools/create-money-transaction.js';
import { createProduct } from './tools/create-product.js';
import { getInvoice } from './tools/get-invoice.js';
import { approveInvoice, sendInvoice } from './tools/invoice-actions.js';
import { listAccounts } from './tools/list-accounts.js';
import { listBusinesses } from './tools/list-businesses.js';
import { listCustomers } from './tools/list-customers.js';
import { listInvoices } from './tools/list-invoices.js';
import { listProducts } from './tools/list-products.js';
import { listVendors } from './tools/list-vendors.js';

export const waveTools: readonly ToolDefinition<WaveBackend>[] = [
  listBusinesses,
  listCustomers,
  createCustomer,
  listProducts,
  createProduct,
  listInvoices,
  getInvoice,
  createInvoice,
  approveInvoice,
  sendInvoice,
  listAccounts,
  listVendors,
  createMoneyTransaction,
];
