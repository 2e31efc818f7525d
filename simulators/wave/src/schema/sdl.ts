/**
 * The part of Wave's public schema the simulator serves, written from the CI-validated documents in
 * backends.md §4.5 (oliverames/wave-mcp-server) and the enums of §4.4. Field names, argument names,
 * input shapes and nullability follow those documents; anything they do not show is an educated guess
 * and listed in the README.
 */
export const WAVE_SDL = /* GraphQL */ `
  scalar Date
  scalar DateTime
  scalar Decimal

  enum CurrencyCode {
    AED
    AUD
    BRL
    CAD
    CHF
    CNY
    CZK
    DKK
    EUR
    GBP
    HKD
    INR
    JPY
    KRW
    MXN
    NOK
    NZD
    PLN
    SEK
    SGD
    USD
    ZAR
  }

  type Currency {
    code: CurrencyCode!
    symbol: String!
    name: String!
    plural: String!
    exponent: Int!
  }

  type Country {
    code: String!
    name: String!
  }
  type Province {
    code: String!
    name: String!
  }

  type Address {
    addressLine1: String
    addressLine2: String
    city: String
    province: Province
    country: Country
    postalCode: String
  }

  input AddressInput {
    addressLine1: String
    addressLine2: String
    city: String
    provinceCode: String
    countryCode: String
    postalCode: String
  }

  type OffsetPageInfo {
    currentPage: Int!
    totalPages: Int!
    totalCount: Int!
  }

  type Money {
    raw: Int!
    minorUnitValue: String!
    value: String!
    currency: Currency!
  }

  type InputError {
    path: [String!]
    message: String
    code: String
  }

  type User {
    id: ID!
    firstName: String
    lastName: String
    defaultEmail: String
    createdAt: DateTime!
    modifiedAt: DateTime!
  }

  enum OrganizationalType {
    CORPORATION
    PARTNERSHIP
    SOLE_PROPRIETORSHIP
    NON_PROFIT
  }

  type BusinessType {
    name: String!
    value: String!
  }
  type BusinessSubtype {
    name: String!
    value: String!
  }

  type Business {
    id: ID!
    name: String!
    isPersonal: Boolean!
    isClassicAccounting: Boolean!
    isClassicInvoicing: Boolean!
    isArchived: Boolean!
    organizationalType: OrganizationalType
    timezone: String
    phone: String
    fax: String
    mobile: String
    tollFree: String
    website: String
    emailSendEnabled: Boolean!
    createdAt: DateTime!
    modifiedAt: DateTime!
    currency: Currency!
    type: BusinessType
    subtype: BusinessSubtype
    address: Address

    customers(
      page: Int = 1
      pageSize: Int = 20
      sort: [CustomerSort!]! = [NAME_ASC]
      email: String
      modifiedAtAfter: DateTime
      modifiedAtBefore: DateTime
    ): CustomerConnection
    customer(id: ID!): Customer
    invoices(
      page: Int = 1
      pageSize: Int = 20
      sort: [InvoiceSort!]! = [CREATED_AT_DESC]
      status: InvoiceStatus
      customerId: ID
      currency: CurrencyCode
      invoiceDateStart: Date
      invoiceDateEnd: Date
      modifiedAtAfter: DateTime
      modifiedAtBefore: DateTime
      invoiceNumber: String
      amountDue: Decimal
    ): InvoiceConnection
    invoice(id: ID!): Invoice
    products(
      page: Int = 1
      pageSize: Int = 20
      sort: [ProductSort!]! = [NAME_ASC]
      isSold: Boolean
      isBought: Boolean
      isArchived: Boolean
      modifiedAtAfter: DateTime
      modifiedAtBefore: DateTime
    ): ProductConnection
    product(id: ID!): Product
    accounts(
      page: Int = 1
      pageSize: Int = 20
      types: [AccountTypeValue!]
      subtypes: [AccountSubtypeValue!]
      excludedSubtypes: [AccountSubtypeValue!]
      isArchived: Boolean
    ): AccountConnection
    account(id: ID!): Account
    vendors(page: Int = 1, pageSize: Int = 20): VendorConnection
    vendor(id: ID!): Vendor
    salesTaxes(page: Int = 1, pageSize: Int = 20, isArchived: Boolean): SalesTaxConnection
    salesTax(id: ID!): SalesTax
  }

  type BusinessEdge {
    node: Business!
  }
  type BusinessConnection {
    pageInfo: OffsetPageInfo!
    edges: [BusinessEdge!]!
  }

  enum CustomerSort {
    NAME_ASC
    NAME_DESC
    CREATED_AT_ASC
    CREATED_AT_DESC
    MODIFIED_AT_ASC
    MODIFIED_AT_DESC
  }
  enum ProductSort {
    NAME_ASC
    NAME_DESC
    CREATED_AT_ASC
    CREATED_AT_DESC
    MODIFIED_AT_ASC
    MODIFIED_AT_DESC
  }
  enum InvoiceSort {
    CREATED_AT_ASC
    CREATED_AT_DESC
    MODIFIED_AT_ASC
    MODIFIED_AT_DESC
    INVOICE_DATE_ASC
    INVOICE_DATE_DESC
    INVOICE_NUMBER_ASC
    INVOICE_NUMBER_DESC
    DUE_DATE_ASC
    DUE_DATE_DESC
    AMOUNT_DUE_ASC
    AMOUNT_DUE_DESC
    CUSTOMER_NAME_ASC
    CUSTOMER_NAME_DESC
  }

  type CustomerShippingDetails {
    name: String
    phone: String
    instructions: String
    address: Address
  }

  input CustomerShippingDetailsInput {
    name: String
    phone: String
    instructions: String
    address: AddressInput
  }

  type Customer {
    id: ID!
    business: Business!
    name: String!
    firstName: String
    lastName: String
    displayId: String
    email: String
    mobile: String
    phone: String
    fax: String
    tollFree: String
    website: String
    internalNotes: String
    isArchived: Boolean
    createdAt: DateTime!
    modifiedAt: DateTime!
    currency: Currency
    address: Address
    shippingDetails: CustomerShippingDetails
    outstandingAmount: Money!
    overdueAmount: Money!
  }

  type CustomerEdge {
    node: Customer!
  }
  type CustomerConnection {
    pageInfo: OffsetPageInfo!
    edges: [CustomerEdge!]!
  }

  type Vendor {
    id: ID!
    business: Business!
    name: String!
    firstName: String
    lastName: String
    displayId: String
    email: String
    mobile: String
    phone: String
    fax: String
    tollFree: String
    website: String
    internalNotes: String
    isArchived: Boolean
    createdAt: DateTime!
    modifiedAt: DateTime!
    currency: Currency
    address: Address
    shippingDetails: CustomerShippingDetails
  }

  type VendorEdge {
    node: Vendor!
  }
  type VendorConnection {
    pageInfo: OffsetPageInfo!
    edges: [VendorEdge!]!
  }

  type SalesTax {
    id: ID!
    name: String!
    abbreviation: String!
    description: String
    taxNumber: String
    rate: Decimal!
    isArchived: Boolean!
    isCompound: Boolean!
    isRecoverable: Boolean!
    createdAt: DateTime!
    modifiedAt: DateTime!
  }

  type SalesTaxEdge {
    node: SalesTax!
  }
  type SalesTaxConnection {
    pageInfo: OffsetPageInfo!
    edges: [SalesTaxEdge!]!
  }

  enum AccountTypeValue {
    ASSET
    LIABILITY
    EQUITY
    INCOME
    EXPENSE
  }
  enum AccountNormalBalanceType {
    DEBIT
    CREDIT
  }
  enum AccountSubtypeValue {
    CASH_AND_BANK
    MONEY_IN_TRANSIT
    ACCOUNTS_RECEIVABLE
    INVENTORY
    OTHER_CURRENT_ASSET
    PROPERTY_PLANT_EQUIPMENT
    CREDIT_CARD
    LOANS
    ACCOUNTS_PAYABLE
    SALES_TAX
    OTHER_CURRENT_LIABILITY
    OWNERS_EQUITY
    RETAINED_EARNINGS
    INCOME
    DISCOUNTS
    OTHER_INCOME
    EXPENSE
    COST_OF_GOODS_SOLD
    PAYMENT_PROCESSING_FEES
    PAYROLL_EXPENSES
  }

  type AccountType {
    name: String!
    value: AccountTypeValue!
    normalBalanceType: AccountNormalBalanceType!
  }

  type AccountSubtype {
    name: String!
    value: AccountSubtypeValue!
    type: AccountType!
    archivable: Boolean!
    systemCreated: Boolean!
  }

  type Account {
    id: ID!
    business: Business!
    name: String!
    description: String
    displayId: String
    classicId: String
    isArchived: Boolean!
    sequence: Int!
    balance: Decimal
    balanceInBusinessCurrency: Decimal
    normalBalanceType: AccountNormalBalanceType!
    currency: Currency!
    type: AccountType!
    subtype: AccountSubtype!
  }

  type AccountEdge {
    node: Account!
  }
  type AccountConnection {
    pageInfo: OffsetPageInfo!
    edges: [AccountEdge!]!
  }

  type Product {
    id: ID!
    business: Business!
    name: String!
    description: String
    unitPrice: Decimal!
    isSold: Boolean!
    isBought: Boolean!
    isArchived: Boolean!
    createdAt: DateTime!
    modifiedAt: DateTime!
    incomeAccount: Account
    expenseAccount: Account
    defaultSalesTaxes: [SalesTax!]!
  }

  type ProductEdge {
    node: Product!
  }
  type ProductConnection {
    pageInfo: OffsetPageInfo!
    edges: [ProductEdge!]!
  }

  enum InvoiceStatus {
    DRAFT
    SAVED
    SENT
    VIEWED
    OVERDUE
    PARTIAL
    PAID
    UNPAID
    OVERPAID
  }
  enum InvoiceCreateStatus {
    DRAFT
    SAVED
  }
  enum InvoiceSendMethod {
    MARKED_SENT
    EXPORT_PDF
    SHARED_LINK
    GMAIL
    OUTLOOK
    YAHOO
    WAVE
    NOT_SENT
    SKIPPED
  }
  enum InvoiceDiscountType {
    FIXED
    PERCENTAGE
  }

  interface InvoiceDiscount {
    name: String
    createdAt: DateTime!
    modifiedAt: DateTime!
  }

  type FixedInvoiceDiscount implements InvoiceDiscount {
    name: String
    createdAt: DateTime!
    modifiedAt: DateTime!
    amount: Decimal!
  }

  type PercentageInvoiceDiscount implements InvoiceDiscount {
    name: String
    createdAt: DateTime!
    modifiedAt: DateTime!
    percentage: Decimal!
  }

  type Estimate {
    id: ID!
  }
  type NewEstimate {
    id: ID!
  }
  type RecurringInvoice {
    id: ID!
  }
  union InvoiceSource = Estimate | NewEstimate | RecurringInvoice

  type InvoiceReminder {
    id: ID!
    daysDelta: Int!
    sent: Boolean!
    sentManually: Boolean!
    issueDate: Date
  }

  type InvoiceAttachment {
    id: ID!
    fileName: String!
    fileSize: Int
    filePath: String
    downloadUrl: String
    uploadStatusUpdatedAt: DateTime
  }

  type InvoiceItemTax {
    amount: Money!
    rate: Decimal!
    salesTax: SalesTax!
  }

  type InvoiceItem {
    id: ID!
    product: Product!
    account: Account
    description: String
    quantity: Decimal!
    price: Decimal!
    unitPrice: Decimal!
    subtotal: Money!
    total: Money!
    taxes: [InvoiceItemTax!]!
  }

  type Invoice {
    id: ID!
    business: Business!
    status: InvoiceStatus!
    title: String!
    subhead: String
    invoiceNumber: String!
    poNumber: String
    invoiceDate: Date!
    dueDate: Date!
    memo: String
    footer: String
    pdfUrl: String!
    viewUrl: String!
    exchangeRate: Decimal!
    createdAt: DateTime!
    modifiedAt: DateTime!
    lastSentAt: DateTime
    lastSentVia: InvoiceSendMethod
    lastViewedAt: DateTime
    requireTermsOfServiceAgreement: Boolean!
    disableCreditCardPayments: Boolean!
    disableBankPayments: Boolean!
    disableAmexPayments: Boolean!
    itemTitle: String!
    unitTitle: String!
    priceTitle: String!
    amountTitle: String!
    hideName: Boolean!
    hideDescription: Boolean!
    hideUnit: Boolean!
    hidePrice: Boolean!
    hideAmount: Boolean!
    currency: Currency!
    customer: Customer!
    subtotal: Money!
    taxTotal: Money!
    discountTotal: Money!
    total: Money!
    amountDue: Money!
    amountPaid: Money!
    discounts: [InvoiceDiscount!]!
    source: InvoiceSource
    invoiceReminders: [InvoiceReminder!]!
    items: [InvoiceItem!]!
    attachments: [InvoiceAttachment!]!
  }

  type InvoiceEdge {
    node: Invoice!
  }
  type InvoiceConnection {
    pageInfo: OffsetPageInfo!
    edges: [InvoiceEdge!]!
  }

  type Query {
    user: User
    businesses(page: Int = 1, pageSize: Int = 10, isArchived: Boolean): BusinessConnection
    business(id: ID): Business
    currencies: [Currency!]!
    currency(code: CurrencyCode!): Currency
    accountTypes: [AccountType!]!
    accountSubtypes: [AccountSubtype!]!
  }

  input CustomerCreateInput {
    businessId: ID!
    name: String!
    firstName: String
    lastName: String
    displayId: String
    email: String
    mobile: String
    phone: String
    fax: String
    tollFree: String
    website: String
    internalNotes: String
    currency: CurrencyCode
    address: AddressInput
    shippingDetails: CustomerShippingDetailsInput
  }

  input CustomerPatchInput {
    id: ID!
    name: String
    firstName: String
    lastName: String
    displayId: String
    email: String
    mobile: String
    phone: String
    fax: String
    tollFree: String
    website: String
    internalNotes: String
    currency: CurrencyCode
    address: AddressInput
    shippingDetails: CustomerShippingDetailsInput
  }

  input CustomerDeleteInput {
    id: ID!
  }

  type CustomerCreateOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    customer: Customer
  }
  type CustomerPatchOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    customer: Customer
  }
  type CustomerDeleteOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
  }

  input ProductCreateInput {
    businessId: ID!
    name: String!
    unitPrice: Decimal!
    description: String
    defaultSalesTaxIds: [ID!]
    incomeAccountId: ID
    expenseAccountId: ID
  }

  input ProductArchiveInput {
    id: ID!
  }

  type ProductCreateOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    product: Product
  }
  type ProductArchiveOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    product: Product
  }

  input InvoiceCreateItemTaxInput {
    salesTaxId: ID!
    amount: Decimal
  }

  input InvoiceCreateItemInput {
    productId: ID!
    description: String
    quantity: Decimal
    unitPrice: Decimal
    taxes: [InvoiceCreateItemTaxInput!]
  }

  input InvoiceDiscountInput {
    discountType: InvoiceDiscountType!
    name: String
    amount: Decimal
    percentage: Decimal
  }

  input InvoiceCreateInput {
    businessId: ID!
    customerId: ID!
    status: InvoiceCreateStatus = DRAFT
    currency: CurrencyCode
    title: String
    subhead: String
    invoiceNumber: String
    poNumber: String
    invoiceDate: Date
    exchangeRate: Decimal
    dueDate: Date
    memo: String
    footer: String
    disableAmexPayments: Boolean
    disableCreditCardPayments: Boolean
    disableBankPayments: Boolean
    itemTitle: String
    unitTitle: String
    priceTitle: String
    amountTitle: String
    hideName: Boolean
    hideDescription: Boolean
    hideUnit: Boolean
    hidePrice: Boolean
    hideAmount: Boolean
    requireTermsOfServiceAgreement: Boolean
    items: [InvoiceCreateItemInput!]
    discounts: [InvoiceDiscountInput!]
  }

  input InvoiceApproveInput {
    invoiceId: ID!
  }
  input InvoiceDeleteInput {
    invoiceId: ID!
  }

  input InvoiceSendInput {
    invoiceId: ID!
    to: [String!]!
    subject: String
    message: String
    attachPDF: Boolean
    ccMyself: Boolean
    fromAddress: String
  }

  input InvoiceMarkSentInput {
    invoiceId: ID!
    sendMethod: InvoiceSendMethod!
    sentAt: DateTime
  }

  type InvoiceCreateOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    invoice: Invoice
  }
  type InvoiceApproveOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    invoice: Invoice
  }
  type InvoiceSendOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    invoice: Invoice
  }
  type InvoiceMarkSentOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    invoice: Invoice
  }
  type InvoiceDeleteOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
  }

  enum TransactionDirection {
    DEPOSIT
    WITHDRAWAL
  }
  enum BalanceType {
    INCREASE
    DECREASE
    DEBIT
    CREDIT
  }

  input MoneyTransactionCreateAnchorInput {
    accountId: ID!
    amount: Decimal!
    direction: TransactionDirection!
  }

  input MoneyTransactionCreateLineItemTaxInput {
    salesTaxId: ID!
    amount: Decimal
  }

  input MoneyTransactionCreateLineItemInput {
    accountId: ID!
    amount: Decimal!
    balance: BalanceType = INCREASE
    customerId: ID
    description: String
    taxes: [MoneyTransactionCreateLineItemTaxInput!]
  }

  input MoneyTransactionCreateInput {
    businessId: ID!
    externalId: String!
    date: Date!
    description: String
    notes: String
    anchor: MoneyTransactionCreateAnchorInput!
    lineItems: [MoneyTransactionCreateLineItemInput!]!
  }

  type Transaction {
    id: ID!
  }

  type MoneyTransactionCreateOutput {
    didSucceed: Boolean!
    inputErrors: [InputError!]
    transaction: Transaction
  }

  type Mutation {
    customerCreate(input: CustomerCreateInput!): CustomerCreateOutput
    customerPatch(input: CustomerPatchInput!): CustomerPatchOutput
    customerDelete(input: CustomerDeleteInput!): CustomerDeleteOutput
    productCreate(input: ProductCreateInput!): ProductCreateOutput
    productArchive(input: ProductArchiveInput!): ProductArchiveOutput
    invoiceCreate(input: InvoiceCreateInput!): InvoiceCreateOutput
    invoiceApprove(input: InvoiceApproveInput!): InvoiceApproveOutput
    invoiceSend(input: InvoiceSendInput!): InvoiceSendOutput
    invoiceMarkSent(input: InvoiceMarkSentInput!): InvoiceMarkSentOutput
    invoiceDelete(input: InvoiceDeleteInput!): InvoiceDeleteOutput
    moneyTransactionCreate(input: MoneyTransactionCreateInput!): MoneyTransactionCreateOutput
  }
`;
