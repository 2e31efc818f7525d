/**
 * The GraphQL documents of backends.md §4.5 (oliverames/wave-mcp-server, CI-validated against Wave),
 * verbatim: the simulator must accept every one of them.
 */
const FRAGMENTS = `
fragment PageInfoFields on OffsetPageInfo { currentPage totalPages totalCount }
fragment MoneyFields on Money { raw minorUnitValue value currency { code symbol } }
fragment AddressFields on Address { addressLine1 addressLine2 city postalCode province { code name } country { code name } }
fragment CustomerFields on Customer {
  id name firstName lastName displayId email mobile phone fax tollFree website internalNotes isArchived createdAt modifiedAt
  currency { code symbol } address { ...AddressFields }
  shippingDetails { name phone instructions address { ...AddressFields } }
  outstandingAmount { ...MoneyFields } overdueAmount { ...MoneyFields } }
fragment ProductFields on Product {
  id name description unitPrice isSold isBought isArchived createdAt modifiedAt
  incomeAccount { id name } expenseAccount { id name } defaultSalesTaxes { id name abbreviation rate } }
fragment AccountFields on Account {
  id name description displayId classicId isArchived sequence balance balanceInBusinessCurrency normalBalanceType
  currency { code symbol } type { name value normalBalanceType } subtype { name value archivable systemCreated } }
fragment BusinessFields on Business {
  id name isPersonal isClassicAccounting isClassicInvoicing isArchived organizationalType timezone phone fax mobile tollFree
  website emailSendEnabled createdAt modifiedAt currency { code symbol name } type { name value } subtype { name value }
  address { ...AddressFields } }
fragment InvoiceDiscountFields on InvoiceDiscount {
  name createdAt modifiedAt ... on FixedInvoiceDiscount { amount } ... on PercentageInvoiceDiscount { percentage } }
fragment InvoiceFields on Invoice {
  id status title subhead invoiceNumber poNumber invoiceDate dueDate memo footer pdfUrl viewUrl exchangeRate
  createdAt modifiedAt lastSentAt lastSentVia lastViewedAt requireTermsOfServiceAgreement
  disableCreditCardPayments disableBankPayments disableAmexPayments
  itemTitle unitTitle priceTitle amountTitle hideName hideDescription hideUnit hidePrice hideAmount
  currency { code symbol } customer { id name email }
  subtotal { ...MoneyFields } taxTotal { ...MoneyFields } discountTotal { ...MoneyFields } total { ...MoneyFields }
  amountDue { ...MoneyFields } amountPaid { ...MoneyFields } discounts { ...InvoiceDiscountFields }
  source { ... on Estimate { id } ... on NewEstimate { id } ... on RecurringInvoice { id } }
  invoiceReminders { id daysDelta sent sentManually issueDate }
  items { id description quantity price unitPrice account { id name } product { id name }
          subtotal { ...MoneyFields } total { ...MoneyFields }
          taxes { amount { ...MoneyFields } rate salesTax { id name abbreviation } } }
  attachments { id fileName fileSize filePath downloadUrl uploadStatusUpdatedAt } }`;

/** Keeps only the fragments a document uses (GraphQL rejects unused fragments). */
function withFragments(operation: string): string {
  const blocks = FRAGMENTS.split(/\n(?=fragment )/).filter((b) => b.trim() !== '');
  const byName = new Map(blocks.map((b) => [/fragment (\w+)/.exec(b)?.[1] ?? '', b]));
  const used = new Set<string>();
  const visit = (text: string) => {
    for (const m of text.matchAll(/\.\.\.(\w+)/g)) {
      const name = m[1] ?? '';
      if (byName.has(name) && !used.has(name)) {
        used.add(name);
        visit(byName.get(name) ?? '');
      }
    }
  };
  visit(operation);
  return [operation, ...[...used].map((n) => byName.get(n) ?? '')].join('\n');
}

export const REFERENCE_DOCUMENTS: Readonly<Record<string, string>> = {
  GetUser: 'query GetUser { user { id firstName lastName defaultEmail createdAt modifiedAt } }',
  ListBusinesses: withFragments(`
query ListBusinesses($page: Int!, $pageSize: Int!, $isArchived: Boolean) {
  businesses(page: $page, pageSize: $pageSize, isArchived: $isArchived) {
    pageInfo { ...PageInfoFields }
    edges { node { id name isPersonal isClassicAccounting isClassicInvoicing isArchived
                   currency { code symbol } type { name value } subtype { name value } } } } }`),
  GetBusiness: withFragments('query GetBusiness($id: ID!) { business(id: $id) { ...BusinessFields } }'),
  ListCustomers: withFragments(`
query ListCustomers($businessId: ID!, $page: Int!, $pageSize: Int!, $sort: [CustomerSort!]!, $email: String,
                    $modifiedAtAfter: DateTime, $modifiedAtBefore: DateTime) {
  business(id: $businessId) { id
    customers(page: $page, pageSize: $pageSize, sort: $sort, email: $email,
              modifiedAtAfter: $modifiedAtAfter, modifiedAtBefore: $modifiedAtBefore) {
      pageInfo { ...PageInfoFields } edges { node { ...CustomerFields } } } } }`),
  ListInvoices: withFragments(`
query ListInvoices($businessId: ID!, $page: Int!, $pageSize: Int!, $sort: [InvoiceSort!]!, $status: InvoiceStatus,
  $customerId: ID, $currency: CurrencyCode, $invoiceDateStart: Date, $invoiceDateEnd: Date,
  $modifiedAtAfter: DateTime, $modifiedAtBefore: DateTime, $invoiceNumber: String, $amountDue: Decimal) {
  business(id: $businessId) { id
    invoices(page: $page, pageSize: $pageSize, sort: $sort, status: $status, customerId: $customerId, currency: $currency,
             invoiceDateStart: $invoiceDateStart, invoiceDateEnd: $invoiceDateEnd, modifiedAtAfter: $modifiedAtAfter,
             modifiedAtBefore: $modifiedAtBefore, invoiceNumber: $invoiceNumber, amountDue: $amountDue) {
      pageInfo { ...PageInfoFields }
      edges { node { id status title invoiceNumber poNumber invoiceDate dueDate viewUrl pdfUrl createdAt modifiedAt lastSentAt
                     currency { code symbol } customer { id name email }
                     total { ...MoneyFields } amountDue { ...MoneyFields } amountPaid { ...MoneyFields } } } } } }`),
  ListProducts: withFragments(`
query ListProducts($businessId: ID!, $page: Int!, $pageSize: Int!, $sort: [ProductSort!]!, $isSold: Boolean,
  $isBought: Boolean, $isArchived: Boolean, $modifiedAtAfter: DateTime, $modifiedAtBefore: DateTime) {
  business(id: $businessId) { id
    products(page: $page, pageSize: $pageSize, sort: $sort, isSold: $isSold, isBought: $isBought, isArchived: $isArchived,
             modifiedAtAfter: $modifiedAtAfter, modifiedAtBefore: $modifiedAtBefore) {
      pageInfo { ...PageInfoFields } edges { node { ...ProductFields } } } } }`),
  ListAccounts: withFragments(`
query ListAccounts($businessId: ID!, $page: Int!, $pageSize: Int!, $types: [AccountTypeValue!],
  $subtypes: [AccountSubtypeValue!], $excludedSubtypes: [AccountSubtypeValue!], $isArchived: Boolean) {
  business(id: $businessId) { id
    accounts(page: $page, pageSize: $pageSize, types: $types, subtypes: $subtypes,
             excludedSubtypes: $excludedSubtypes, isArchived: $isArchived) {
      pageInfo { ...PageInfoFields } edges { node { ...AccountFields } } } } }`),
  GetCustomer: withFragments(
    'query GetCustomer($businessId: ID!, $id: ID!) { business(id: $businessId) { id customer(id: $id) { ...CustomerFields } } }',
  ),
  GetInvoice: withFragments(
    'query GetInvoice($businessId: ID!, $id: ID!) { business(id: $businessId) { id invoice(id: $id) { ...InvoiceFields } } }',
  ),
  CreateCustomer: withFragments(`
mutation CreateCustomer($input: CustomerCreateInput!) {
  customerCreate(input: $input) { didSucceed inputErrors { path message code } customer { ...CustomerFields } } }`),
  CreateProduct: withFragments(`
mutation CreateProduct($input: ProductCreateInput!) {
  productCreate(input: $input) { didSucceed inputErrors { path message code } product { ...ProductFields } } }`),
  CreateInvoice: withFragments(`
mutation CreateInvoice($input: InvoiceCreateInput!) {
  invoiceCreate(input: $input) { didSucceed inputErrors { path message code } invoice { ...InvoiceFields } } }`),
  ApproveInvoice: `
mutation ApproveInvoice($input: InvoiceApproveInput!) {
  invoiceApprove(input: $input) { didSucceed inputErrors { path message code } invoice { id status invoiceNumber viewUrl pdfUrl } } }`,
  SendInvoice: `
mutation SendInvoice($input: InvoiceSendInput!) {
  invoiceSend(input: $input) { didSucceed inputErrors { path message code } invoice { id status invoiceNumber lastSentAt lastSentVia viewUrl } } }`,
  CreateMoneyTransaction: `
mutation CreateMoneyTransaction($input: MoneyTransactionCreateInput!) {
  moneyTransactionCreate(input: $input) { didSucceed inputErrors { path message code } transaction { id } } }`,
};
