/** One demo invoice: days relative to today, items as [item_code, qty, rate?], and how it stands. */
export interface DemoInvoice {
  readonly customer: string;
  readonly postedDaysAgo: number;
  readonly termsDays: number;
  readonly items: readonly (readonly [string, number, number?])[];
  readonly state: 'paid' | 'unpaid' | 'partly-paid' | 'draft' | 'cancelled';
  readonly po_no?: string;
}

export const INVOICES: readonly DemoInvoice[] = [
  { customer: 'Globex Ltd', postedDaysAgo: 160, termsDays: 30, items: [['SUPPORT-YR', 1]], state: 'unpaid' },
  {
    customer: 'Umbrella Health',
    postedDaysAgo: 130,
    termsDays: 30,
    items: [
      ['WIDGET-STD', 40],
      ['INSTALL', 1],
    ],
    state: 'unpaid',
  },
  {
    customer: 'Globex Ltd',
    postedDaysAgo: 95,
    termsDays: 30,
    items: [['WIDGET-PRO', 12]],
    state: 'unpaid',
    po_no: 'GX-PO-7781',
  },
  {
    customer: 'Acme Corporation',
    postedDaysAgo: 75,
    termsDays: 30,
    items: [
      ['WIDGET-STD', 100],
      ['GEAR-SM', 250],
    ],
    state: 'paid',
  },
  {
    customer: 'Umbrella Health',
    postedDaysAgo: 60,
    termsDays: 30,
    items: [['CONSULT-HR', 6]],
    state: 'paid',
  },
  {
    customer: 'Acme Corporation',
    postedDaysAgo: 50,
    termsDays: 30,
    items: [
      ['WIDGET-PRO', 20],
      ['INSTALL', 2],
    ],
    state: 'unpaid',
    po_no: 'ACME-4410',
  },
  {
    customer: 'Initech',
    postedDaysAgo: 40,
    termsDays: 14,
    items: [['CONSULT-HR', 16, 110]],
    state: 'partly-paid',
  },
  { customer: 'Jane Cooper', postedDaysAgo: 35, termsDays: 7, items: [['WIDGET-STD', 2]], state: 'paid' },
  {
    customer: 'Globex Ltd',
    postedDaysAgo: 20,
    termsDays: 30,
    items: [
      ['GEAR-LG', 80],
      ['STEEL-KG', 150],
    ],
    state: 'unpaid',
  },
  {
    customer: 'Stark Industries',
    postedDaysAgo: 15,
    termsDays: 30,
    items: [
      ['WIDGET-PRO', 50],
      ['SUPPORT-YR', 1],
    ],
    state: 'partly-paid',
  },
  {
    customer: 'Jane Cooper',
    postedDaysAgo: 10,
    termsDays: 7,
    items: [['WIDGET-PRO', 1]],
    state: 'cancelled',
  },
  {
    customer: 'Initech',
    postedDaysAgo: 5,
    termsDays: 30,
    items: [
      ['INSTALL', 3],
      ['WIDGET-STD', 30],
    ],
    state: 'unpaid',
  },
  {
    customer: 'Stark Industries',
    postedDaysAgo: 2,
    termsDays: 30,
    items: [['CONSULT-HR', 10]],
    state: 'draft',
  },
  {
    customer: 'Acme Corporation',
    postedDaysAgo: 1,
    termsDays: 30,
    items: [['GEAR-SM', 500]],
    state: 'draft',
  },
];

export const ORDERS = [
  {
    customer: 'Acme Corporation',
    orderedDaysAgo: 3,
    items: [
      ['WIDGET-STD', 60],
      ['WIDGET-PRO', 10],
    ],
    submit: true,
  },
  { customer: 'Initech', orderedDaysAgo: 8, items: [['SUPPORT-YR', 1]], submit: true },
  { customer: 'Stark Industries', orderedDaysAgo: 1, items: [['GEAR-LG', 200]], submit: false },
] as const;

export const TODOS = [
  { description: 'Call Globex about the overdue support invoice', priority: 'High', daysAhead: 1 },
  { description: 'Send Umbrella Health a statement of account', priority: 'Medium', daysAhead: 3 },
  { description: 'Review Q3 price list for widgets', priority: 'Low', daysAhead: 14 },
] as const;
