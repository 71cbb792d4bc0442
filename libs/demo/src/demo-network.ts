/**
 * The demo network, from the facts in DESIGN.md. Plain data: edit freely, then `npm run db:seed`.
 *
 * - The insurer's own "Centre d'excellence" in Rabat, opened May 2010, ~100 advisers.
 * - 400 sales seats at the outsourcing partners Sittel, Webhelp and Phone Assistance in
 *   Casablanca, Meknès, Mohammedia and Rabat.
 * - One onshore site in France, so onshore and offshore can be compared.
 */
export interface DemoSite {
  name: string;
  city: string;
  country: string;
  timeZone: string;
  installedSeats: number;
  openedOn: string;
  /** Seat label prefix, e.g. CAS → CAS-001 */
  seatPrefix: string;
}

export interface DemoPartner {
  name: string;
  kind: 'in_house' | 'outsourcer';
  sites: DemoSite[];
}

const MOROCCO = { country: 'MA', timeZone: 'Africa/Casablanca' } as const;
const FRANCE = { country: 'FR', timeZone: 'Europe/Paris' } as const;

export const DEMO_NETWORK: DemoPartner[] = [
  {
    name: 'Plateau Assurances (in-house)',
    kind: 'in_house',
    sites: [
      {
        name: "Centre d'excellence Rabat",
        city: 'Rabat',
        ...MOROCCO,
        installedSeats: 100,
        openedOn: '2010-05-03',
        seatPrefix: 'RBX',
      },
    ],
  },
  {
    name: 'Sittel',
    kind: 'outsourcer',
    sites: [
      {
        name: 'Sittel Casablanca',
        city: 'Casablanca',
        ...MOROCCO,
        installedSeats: 120,
        openedOn: '2006-09-01',
        seatPrefix: 'SCA',
      },
      {
        name: 'Sittel Mohammedia',
        city: 'Mohammedia',
        ...MOROCCO,
        installedSeats: 60,
        openedOn: '2008-03-01',
        seatPrefix: 'SMO',
      },
    ],
  },
  {
    name: 'Webhelp',
    kind: 'outsourcer',
    sites: [
      {
        name: 'Webhelp Rabat',
        city: 'Rabat',
        ...MOROCCO,
        installedSeats: 100,
        openedOn: '2006-06-01',
        seatPrefix: 'WRA',
      },
      {
        name: 'Webhelp Meknès',
        city: 'Meknès',
        ...MOROCCO,
        installedSeats: 60,
        openedOn: '2009-01-05',
        seatPrefix: 'WME',
      },
      {
        name: 'Webhelp Caen',
        city: 'Caen',
        ...FRANCE,
        installedSeats: 40,
        openedOn: '2004-02-02',
        seatPrefix: 'WCA',
      },
    ],
  },
  {
    name: 'Phone Assistance',
    kind: 'outsourcer',
    sites: [
      {
        name: 'Phone Assistance Casablanca',
        city: 'Casablanca',
        ...MOROCCO,
        installedSeats: 60,
        openedOn: '2007-04-02',
        seatPrefix: 'PCA',
      },
    ],
  },
];

/** One demo user per role. Passwords are public demo values: embedded mode prints them at first start. */
export const DEMO_USERS = [
  { email: 'admin@plateau.demo', displayName: 'Amina Admin', role: 'admin', password: 'plateau-admin-demo' },
  {
    email: 'manager@plateau.demo',
    displayName: 'Marc Manager',
    role: 'manager',
    password: 'plateau-manager-demo',
  },
  {
    email: 'supervisor@plateau.demo',
    displayName: 'Sofia Supervisor',
    role: 'supervisor',
    password: 'plateau-supervisor-demo',
  },
  {
    email: 'partner@sittel.demo',
    displayName: 'Paul at Sittel',
    role: 'partner',
    partner: 'Sittel',
    password: 'plateau-partner-demo',
  },
  {
    email: 'partner@webhelp.demo',
    displayName: 'Pauline at Webhelp',
    role: 'partner',
    partner: 'Webhelp',
    password: 'plateau-partner-demo',
  },
] as const;

/**
 * Demo inbound queues (planning): handle time, patience, goal, today's split across demo sites by
 * name, and the peak of their demo volumes (calls per 30 minutes). A year of volumes is seeded.
 */
export const DEMO_QUEUES = [
  {
    name: 'Relation client',
    ahtSeconds: 300,
    patienceSeconds: 180,
    target: { kind: 'service_level' as const, seconds: 20, level: 0.8 },
    maxOccupancy: 0.88,
    peakCalls: 420,
    seed: 2010,
    sites: [
      { site: "Centre d'excellence Rabat", share: 0.4 },
      { site: 'Sittel Casablanca', share: 0.3 },
      { site: 'Webhelp Rabat', share: 0.3 },
    ],
  },
  {
    name: 'Sinistres prévoyance',
    ahtSeconds: 420,
    patienceSeconds: 240,
    target: { kind: 'service_level' as const, seconds: 30, level: 0.8 },
    maxOccupancy: 0.85,
    peakCalls: 150,
    seed: 2006,
    sites: [
      { site: 'Webhelp Caen', share: 0.4 },
      { site: 'Sittel Mohammedia', share: 0.2 },
      { site: 'Webhelp Meknès', share: 0.2 },
      { site: 'Phone Assistance Casablanca', share: 0.2 },
    ],
  },
];
