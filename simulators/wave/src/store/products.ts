import type { WaveBooks } from './books.js';
import { waveId } from './ids.js';
import { accountType, type ProductRecord } from './model.js';
import { parseMicros } from './money.js';
import { Checks, text, type Nullable, type Outcome } from './outcome.js';

export interface ProductCreateInput {
  businessId: string;
  name: string;
  unitPrice: string;
  description?: Nullable<string>;
  defaultSalesTaxIds?: Nullable<string[]>;
  incomeAccountId?: Nullable<string>;
  expenseAccountId?: Nullable<string>;
}

export function createProduct(books: WaveBooks, input: ProductCreateInput): Outcome<ProductRecord> {
  const checks = new Checks();
  const businessId = input.businessId;
  if (!books.businesses.has(businessId)) checks.add(['businessId'], 'Business not found.', 'NOT_FOUND');
  const name = text(input.name);
  if (name === undefined) checks.add(['name'], 'This field is required.', 'REQUIRED');
  const unitPrice = parseMicros(input.unitPrice);
  if (unitPrice === undefined || unitPrice < 0n) {
    checks.add(['unitPrice'], 'Enter a price of zero or more.', 'INVALID');
  }
  const income = input.incomeAccountId
    ? checks.ref(books, books.accounts, input.incomeAccountId, businessId, ['incomeAccountId'], 'Account')
    : undefined;
  if (income && accountType(income) !== 'INCOME') {
    checks.add(['incomeAccountId'], 'The income account must be an income account.', 'INVALID');
  }
  const expense = input.expenseAccountId
    ? checks.ref(books, books.accounts, input.expenseAccountId, businessId, ['expenseAccountId'], 'Account')
    : undefined;
  if (expense && accountType(expense) !== 'EXPENSE') {
    checks.add(['expenseAccountId'], 'The expense account must be an expense account.', 'INVALID');
  }
  if (!input.incomeAccountId && !input.expenseAccountId) {
    checks.add(
      ['incomeAccountId'],
      'A product must be sold (incomeAccountId) or bought (expenseAccountId), or both.',
      'REQUIRED',
    );
  }
  const taxIds = input.defaultSalesTaxIds ?? [];
  taxIds.forEach((id, i) =>
    checks.ref(books, books.salesTaxes, id, businessId, ['defaultSalesTaxIds', i], 'Sales tax'),
  );
  return checks.outcome(() => {
    const now = books.now();
    const product: ProductRecord = {
      id: waveId('Product'),
      businessId,
      name: name ?? '',
      unitPriceMicros: unitPrice ?? 0n,
      salesTaxIds: [...taxIds],
      isArchived: false,
      createdAt: now,
      modifiedAt: now,
    };
    const description = text(input.description);
    if (description !== undefined) product.description = description;
    if (income) product.incomeAccountId = income.id;
    if (expense) product.expenseAccountId = expense.id;
    books.products.set(product.id, product);
    return product;
  });
}

export function archiveProduct(books: WaveBooks, id: string): Outcome<ProductRecord> {
  const checks = new Checks();
  const product = books.products.get(id);
  if (!product) checks.add(['id'], 'Product not found.', 'NOT_FOUND');
  return checks.outcome(() => {
    const archived = { ...(product as ProductRecord), isArchived: true, modifiedAt: books.now() };
    books.products.set(id, archived);
    return archived;
  });
}
