/**
 * The mock tenant's seed: a handful of members that each exercise one case (a typical member,
 * a big balance, nothing to spend, hostile text, 200 benefits, two matches for one search, a
 * staff member) and two locations. Ids are fixed and dates are relative to the tenant's
 * clock at creation, so every run sees the same tenant.
 */
import type { MockStore } from './store.js';
import type { MockBenefitDefinition, MockProfile } from './types.js';

const DAY = 24 * 3_600_000;
const uuid = (n: number) => `5eed0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Ids, cards and names of the seeded members, for tests, stories and the demo. */
export const SEED = {
  ava: {
    id: uuid(1),
    card: '2770001234567',
    email: 'ava.nguyen@example.com',
    mobile: '+61412345678',
    /** 10.00 expiring first, 15.00 later, and an expired 7.50 that does not count. */
    rewards: { soon: 101, later: 102, expired: 103 },
    benefits: { coffee: 501, birthday: 502, expired: 503 },
  },
  noah: { id: uuid(2), card: '2770009876543', email: 'noah.smith@example.com' },
  empty: { id: uuid(3), card: '2770000000001', email: 'zara.empty@example.com' },
  hostile: { id: uuid(4), card: '2770000000002', email: 'yamada@example.jp' },
  many: { id: uuid(5), card: '2770000000003', email: 'bea.plenty@example.com', benefitCount: 200 },
  /** The two members a search for "Lee" finds: Mia Lee, Oliver Leeson. */
  lee: [uuid(6), uuid(7)] as [string, string],
  leeCards: ['2770000000004', '2770000000005'] as [string, string],
  staff: { id: uuid(8), staffNumber: '1993', card: '2770000000006', email: 'sam.carter@example.com' },
  /**
   * A walk-in with Omneo's odd-but-legal values: no name, points below zero after a return, no
   * rewards, and one benefit of each kind the others lack (discount, competition, event,
   * voucher, bonus, a nameless `other` whose definition id is a string).
   */
  odd: {
    id: uuid(9),
    card: '2770000000007',
    email: 'walkin.4471@example.com',
    points: -240,
    benefits: { discount: 601, competition: 602, event: 603, voucher: 604, bonus: 605, nameless: 606 },
  },
  location: { id: 2, name: 'Melbourne Central', timezone: 'Australia/Melbourne' },
  locations: [
    { id: 1, name: 'Sydney Pitt Street', handle: 'sydney-pitt-street', timezone: 'Australia/Sydney' },
    { id: 2, name: 'Melbourne Central', handle: 'melbourne-central', timezone: 'Australia/Melbourne' },
  ],
} as const;

const TZ = 'Australia/Melbourne';

function definition(id: number | string, name: string | null, fields: Partial<MockBenefitDefinition> = {}): MockBenefitDefinition {
  return {
    id,
    name,
    handle: name === null ? null : name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || `benefit-${id}`,
    type: 'voucher',
    description: null,
    shortDescription: null,
    valueCents: null,
    imageUrl: null,
    redeemInstructionsStore: null,
    ...fields,
  };
}

const COFFEE = definition(1, 'Free coffee', {
  type: 'gift',
  shortDescription: 'One regular coffee, any size',
  description: 'Enjoy a free regular coffee at any of our cafes.',
  valueCents: 500,
  redeemInstructionsStore: 'Scan the POS code, then ring up the coffee at $0.',
});
const BIRTHDAY = definition(2, '$10 birthday voucher', {
  type: 'value',
  shortDescription: 'Happy birthday from us',
  description: '$10 off any purchase during your birthday month.',
  valueCents: 1000,
});
const WINTER = definition(3, 'Winter warmer 15% off', { type: 'discount', shortDescription: '15% off knitwear' });
const HOSTILE = definition(4, '<img src=x onerror=alert("benefit")> 無料コーヒー', {
  type: 'gift',
  shortDescription: '<b>bold</b> عرض خاص',
  description: '<script>alert(1)</script> Ελληνικά — "quotes" & <ampersands>',
  valueCents: 777,
  imageUrl: 'javascript:alert(1)',
  redeemInstructionsStore: '<a href="javascript:alert(1)">click</a>',
});
const RTL = definition(5, 'שובר מתנה \u202Eevil\u202C 🎁', { type: 'other', valueCents: 300 });
const MANY = [
  definition(6, 'Free gift wrap', { type: 'gift' }),
  definition(7, '$5 voucher', { type: 'value', valueCents: 500 }),
  definition(8, '10% off accessories', { type: 'discount' }),
  definition(9, 'Double points day', { type: 'bonus' }),
];

const ODD = {
  discount: definition(10, '15% off full-price knitwear', {
    type: 'discount',
    shortDescription: '15% off',
    valueCents: 1500, // 15 (per cent): a discount's value is not dollars
    redeemInstructionsStore: 'Apply 15% to full-price knitwear lines.',
  }),
  competition: definition(11, 'Spring giveaway entry', { type: 'competition' }),
  event: definition(13, 'VIP night invitation', { type: 'event', redeemInstructionsStore: 'Check the guest list.' }),
  voucher: definition(14, '$20 voucher', { type: 'voucher', valueCents: 2000 }),
  bonus: definition(15, 'Double points weekend', { type: 'bonus', valueCents: 200 }),
  nameless: definition('12', null, { type: 'other' }),
};

/** Loads the seed into an empty store; `now` is the tenant clock's start. */
export function loadSeed(store: MockStore): void {
  const now = store.now();
  let nextId = 1001; // identities, rewards and benefits without a name in SEED
  const id = () => nextId++;

  for (const l of SEED.locations) store.locations.push({ ...l });

  const member = (
    profileId: string,
    card: string,
    fields: Partial<MockProfile> & { firstName: string | null; lastName: string | null },
  ) => {
    store.profiles.set(profileId, {
      id: profileId,
      email: null,
      mobilePhone: null,
      tier: null,
      tags: [],
      points: 0,
      creditCents: 0,
      joinedAt: null,
      createdAt: now - 400 * DAY,
      updatedAt: now - DAY,
      ...fields,
    });
    store.identities.push({ id: id(), profileId, handle: 'loyalty-card', identifier: card, isPrimary: true, isActive: true });
  };
  const reward = (profileId: string, cents: number, expiresInDays: number | null, rewardId = id()) =>
    store.rewards.push({
      id: rewardId,
      profileId,
      valueCents: cents,
      remainingCents: cents,
      issuedAt: now - 30 * DAY,
      expiresAt: expiresInDays === null ? null : now + expiresInDays * DAY,
      sourceRedemptionId: null,
    });
  const benefit = (profileId: string, def: MockBenefitDefinition, expiresInDays: number | null, code: string | null, benefitId = id()) =>
    store.benefits.push({
      id: benefitId,
      profileId,
      definition: { ...def },
      issuedAt: now - 45 * DAY,
      expiresAt: expiresInDays === null ? null : now + expiresInDays * DAY,
      timezone: TZ,
      valueCents: def.valueCents,
      redeemCodePos: code,
      redemptionsAllowed: 1,
      redemptionsRemaining: 1,
    });

  const ava = SEED.ava;
  member(ava.id, ava.card, {
    firstName: 'Ava',
    lastName: 'Nguyen',
    email: ava.email,
    mobilePhone: ava.mobile,
    tier: { name: 'Gold', handle: 'gold' },
    tags: ['vip'],
    points: 1500,
  });
  store.identities.push({ id: id(), profileId: ava.id, handle: 'pos-customer', identifier: 'POS-000123', isPrimary: false, isActive: true });
  reward(ava.id, 1000, 14, ava.rewards.soon);
  reward(ava.id, 1500, 60, ava.rewards.later);
  reward(ava.id, 750, -2, ava.rewards.expired);
  benefit(ava.id, COFFEE, 30, 'COFFEE-5', ava.benefits.coffee);
  benefit(ava.id, BIRTHDAY, 14, 'BDAY-10', ava.benefits.birthday);
  benefit(ava.id, WINTER, -1, 'WINTER-15', ava.benefits.expired);

  member(SEED.noah.id, SEED.noah.card, {
    firstName: 'Noah',
    lastName: 'Smith',
    email: SEED.noah.email,
    mobilePhone: '+61498765432',
    tier: { name: 'Silver', handle: 'silver' },
  });
  reward(SEED.noah.id, 5000, 90);

  member(SEED.empty.id, SEED.empty.card, { firstName: 'Zara', lastName: 'Empty', email: SEED.empty.email });

  member(SEED.hostile.id, SEED.hostile.card, {
    firstName: '<img src=x onerror=alert(1)>',
    lastName: '山田 <script>alert(1)</script>',
    email: SEED.hostile.email,
    mobilePhone: '+81312345678',
    tier: { name: '<svg onload=alert(1)>', handle: 'gold' },
    tags: ['<b>vip</b>'],
    points: 99,
  });
  reward(SEED.hostile.id, 1234, 30);
  benefit(SEED.hostile.id, HOSTILE, 30, '<i>CODE</i>');
  benefit(SEED.hostile.id, RTL, null, null);

  member(SEED.many.id, SEED.many.card, { firstName: 'Bea', lastName: 'Plenty', email: SEED.many.email, points: 250 });
  reward(SEED.many.id, 500, 30);
  for (let n = 0; n < SEED.many.benefitCount; n++) {
    const def = MANY[n % MANY.length] as MockBenefitDefinition;
    benefit(SEED.many.id, def, 1 + n, `MANY-${String(n + 1).padStart(3, '0')}`);
  }

  member(SEED.lee[0], SEED.leeCards[0], { firstName: 'Mia', lastName: 'Lee', email: 'mia.lee@example.com' });
  reward(SEED.lee[0], 2000, 45);
  member(SEED.lee[1], SEED.leeCards[1], { firstName: 'Oliver', lastName: 'Leeson', email: 'oliver.leeson@example.com', points: 320 });

  const staff = SEED.staff;
  member(staff.id, staff.card, {
    firstName: 'Sam',
    lastName: 'Carter',
    email: staff.email,
    tags: ['staff'],
    joinedAt: '2021-03-01 00:00:00',
  });
  store.identities.push({ id: id(), profileId: staff.id, handle: 'staff-number', identifier: staff.staffNumber, isPrimary: false, isActive: true });

  const odd = SEED.odd;
  member(odd.id, odd.card, { firstName: null, lastName: null, email: odd.email, points: odd.points });
  benefit(odd.id, ODD.discount, 30, 'KNIT15', odd.benefits.discount);
  benefit(odd.id, ODD.competition, 30, null, odd.benefits.competition);
  benefit(odd.id, ODD.event, 30, 'VIPNIGHT', odd.benefits.event);
  benefit(odd.id, ODD.voucher, 30, 'V20', odd.benefits.voucher);
  benefit(odd.id, ODD.bonus, 30, null, odd.benefits.bonus);
  benefit(odd.id, ODD.nameless, null, null, odd.benefits.nameless);
}
