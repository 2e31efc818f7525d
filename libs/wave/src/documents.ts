/**
 * The GraphQL documents the connector sends. Queries and mutations follow the CI-validated documents
 * of oliverames/wave-mcp-server (backends.md §4.5), with selections trimmed to what the tools return.
 */

const PAGE_INFO = 'pageInfo { currentPage totalPages totalCount }';
const MONEY = 'raw minorUnitValue value currency { code symbol }';

const CUSTOMER_FIELDS = `
  id name firstName lastName displayId email phone mobile website isArchived createdAt modifiedAt
  currency { code }
  address { addressLine1 addressLine2 city postalCode province { code name } country { code name } }
  outstandingAmount { ${MONEY} } overdueAmount { ${MONEY} }`;

const PRODUCT_FIELDS = `
  id name description unitPrice isSold isBought isArchived createdAt modifiedAt
  incomeAccount { id name } expenseAccount { id name } defaultSalesTaxes { id name abbreviation rate }`;

const INVOICE_DETAIL = `
  id status title invoiceNumber poNumber invoiceDate dueDate memo footer viewUrl pdfUrl createdAt modifiedAt
  lastSentAt lastSentVia lastViewedAt
  currency { code symbol } customer { id name email }
  subtotal { ${MONEY} } taxTotal { ${MONEY} } discountTotal { ${MONEY} } total { ${MONEY} }
  amountDue { ${MONEY} } amountPaid { ${MONEY} }
  items { description quantity unitPrice product { id name } account { id name }
          subtotal { ${MONEY} } total { ${MONEY} }
          taxes { amount { ${MONEY} } rate salesTax { id name abbreviation } } }`;

const INPUT_ERRORS = 'didSucceed inputErrors { path message code }';

/** The announcer's health check: cheap, and needs only the `business:read` scope. */
export const PROBE = `query Probe { businesses(page: 1, pageSize: 1) { ${PAGE_INFO} } }`;

export const LIST_BUSINESSES = `
query ListBusinesses($page: Int!, $pageSize: Int!, $isArchived: Boolean) {
  businesses(page: $page, pageSize: $pageSize, isArchived: $isArchived) {
    ${PAGE_INFO}
    edges { node { id name isPersonal isArchived currency { code symbol } type { name value } } } } }`;

export const LIST_CUSTOMERS = `
query ListCustomers($businessId: ID!, $page: Int!, $pageSize: Int!, $sort: [CustomerSort!]!, $email: String,
                    $modifiedAtAfter: DateTime) {
  business(id: $businessId) { id currency { code }
    customers(page: $page, pageSize: $pageSize, sort: $sort, email: $email, modifiedAtAfter: $modifiedAtAfter) {
      ${PAGE_INFO} edges { node { ${CUSTOMER_FIELDS} } } } } }`;

export const CREATE_CUSTOMER = `
mutation CreateCustomer($input: CustomerCreateInput!) {
  customerCreate(input: $input) { ${INPUT_ERRORS} customer { ${CUSTOMER_FIELDS} } } }`;

export const LIST_PRODUCTS = `
query ListProducts($businessId: ID!, $page: Int!, $pageSize: Int!, $sort: [ProductSort!]!, $isSold: Boolean,
                   $isBought: Boolean, $isArchived: Boolean) {
  business(id: $businessId) { id currency { code }
    products(page: $page, pageSize: $pageSize, sort: $sort, isSold: $isSold, isBought: $isBought,
             isArchived: $isArchived) {
      ${PAGE_INFO} edges { node { ${PRODUCT_FIELDS} } } } } }`;

export const CREATE_PRODUCT = `
mutation CreateProduct($input: ProductCreateInput!) {
  productCreate(input: $input) { ${INPUT_ERRORS} product { ${PRODUCT_FIELDS} } } }`;

export const LIST_ACCOUNTS = `
query ListAccounts($businessId: ID!, $page: Int!, $pageSize: Int!, $types: [AccountTypeValue!],
                   $subtypes: [AccountSubtypeValue!], $isArchived: Boolean) {
  business(id: $businessId) { id currency { code }
    accounts(page: $page, pageSize: $pageSize, types: $types, subtypes: $subtypes, isArchived: $isArchived) {
      ${PAGE_INFO}
      edges { node { id name description displayId isArchived balance currency { code }
                     type { name value } subtype { name value } } } } } }`;

export const LIST_VENDORS = `
query ListVendors($businessId: ID!, $page: Int!, $pageSize: Int!) {
  business(id: $businessId) { id
    vendors(page: $page, pageSize: $pageSize) {
      ${PAGE_INFO}
      edges { node { id name firstName lastName email phone website isArchived currency { code } } } } } }`;

export const LIST_INVOICES = `
query ListInvoices($businessId: ID!, $page: Int!, $pageSize: Int!, $sort: [InvoiceSort!]!, $status: InvoiceStatus,
  $customerId: ID, $currency: CurrencyCode, $invoiceDateStart: Date, $invoiceDateEnd: Date,
  $invoiceNumber: String) {
  business(id: $businessId) { id
    invoices(page: $page, pageSize: $pageSize, sort: $sort, status: $status, customerId: $customerId,
             currency: $currency, invoiceDateStart: $invoiceDateStart, invoiceDateEnd: $invoiceDateEnd,
             invoiceNumber: $invoiceNumber) {
      ${PAGE_INFO}
      edges { node { id status title invoiceNumber poNumber invoiceDate dueDate viewUrl pdfUrl createdAt modifiedAt
                     lastSentAt currency { code symbol } customer { id name email }
                     total { ${MONEY} } amountDue { ${MONEY} } amountPaid { ${MONEY} } } } } } }`;

export const GET_INVOICE = `
query GetInvoice($businessId: ID!, $id: ID!) {
  business(id: $businessId) { id invoice(id: $id) { ${INVOICE_DETAIL} } } }`;

export const CREATE_INVOICE = `
mutation CreateInvoice($input: InvoiceCreateInput!) {
  invoiceCreate(input: $input) { ${INPUT_ERRORS} invoice { ${INVOICE_DETAIL} } } }`;

export const APPROVE_INVOICE = `
mutation ApproveInvoice($input: InvoiceApproveInput!) {
  invoiceApprove(input: $input) { ${INPUT_ERRORS} invoice { id status invoiceNumber viewUrl pdfUrl } } }`;

export const SEND_INVOICE = `
mutation SendInvoice($input: InvoiceSendInput!) {
  invoiceSend(input: $input) { ${INPUT_ERRORS} invoice { id status invoiceNumber lastSentAt lastSentVia viewUrl } } }`;

export const CREATE_MONEY_TRANSACTION = `
mutation CreateMoneyTransaction($input: MoneyTransactionCreateInput!) {
  moneyTransactionCreate(input: $input) { ${INPUT_ERRORS} transaction { id } } }`;
