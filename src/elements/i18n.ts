/**
 * Every string the elements show, in English and French, and the number and money formats.
 *
 * The locale is the element's: its own `lang` or the nearest ancestor's (across shadow roots),
 * else the session's `locale`, else the document's `lang`, else English. Messages are looked up
 * by the primary language subtag (`fr-CA` reads `fr`); numbers and money use the full locale.
 * Money is integer cents, shown with `Intl.NumberFormat` in the session's currency.
 */
import type { OmneoErrorCode } from '../client/index.js';

/** The catalogue's shape: one entry per string, functions where a value is interpolated. */
export interface Messages {
  lookupLabel: string;
  lookupPlaceholder: string;
  lookupHint: string;
  searching: string;
  resultsLabel: string;
  resultsCount: (count: number) => string;
  noMatch: (query: string) => string;
  retry: string;
  reveal: string;
  hide: string;
  changeMember: string;
  chosen: (name: string) => string;
  unnamed: string;
  tier: string;
  email: string;
  phone: string;
  balancesLabel: string;
  rewards: string;
  points: string;
  pointsCount: (points: string) => string;
  pointsWorth: (value: string) => string;
  combined: string;
  loadingBalances: string;
  noMember: string;
  stale: string;
  errors: Record<OmneoErrorCode, string>;
  /** `<omneo-benefit-picker>`. */
  benefits: BenefitPickerMessages;
  /** `<omneo-redemption-panel>`. */
  redemption: RedemptionPanelMessages;
}

/** The benefit picker's strings. */
export interface BenefitPickerMessages {
  label: string;
  loading: string;
  empty: string;
  count: (count: number) => string;
  selectedCount: (count: number) => string;
  value: (money: string) => string;
  /** `relative` is `Intl.RelativeTimeFormat`'s, e.g. "in 3 days", "tomorrow". */
  expiresIn: (relative: string) => string;
  expiresOn: (date: string) => string;
  posCode: string;
  expired: string;
  notRedeemable: string;
  hint: string;
}

/** The redemption panel's strings. */
export interface RedemptionPanelMessages {
  label: string;
  noSale: string;
  amountLabel: string;
  amountHint: (max: string, balance: string) => string;
  max: string;
  maxLabel: (max: string) => string;
  tooMuch: (max: string) => string;
  nothing: string;
  notWholeCents: string;
  notAnAmount: string;
  overSale: string;
  chosenBenefits: string;
  previewCaption: string;
  item: string;
  original: string;
  share: string;
  net: string;
  total: string;
  balanceAfter: string;
  /** `amount` is null when only benefits are redeemed. */
  confirm: (amount: string | null, benefits: number) => string;
  redeeming: string;
  held: string;
  /** `time` is what is left of the reversal window, `m:ss`. */
  countdown: (time: string) => string;
  windowPassed: string;
  recording: string;
  recorded: string;
  reversing: string;
  reversed: string;
  refunding: string;
  refunded: string;
  returned: (amount: string) => string;
  cancel: string;
  vetoed: string;
  inProgress: string;
  failed: string;
  recovering: string;
  recoveredHeading: string;
  recoveredItem: (sale: string, amount: string, outcome: 'recorded' | 'reversed' | 'refunded') => string;
  recoveryFailed: (sale: string) => string;
}

const en: Messages = {
  lookupLabel: 'Find member',
  lookupPlaceholder: 'Scan card, or type email, name or phone',
  lookupHint: 'Scan a card, or type and pick from the list with the arrow keys.',
  searching: 'Searching…',
  resultsLabel: 'Members found',
  resultsCount: (n) => (n === 1 ? '1 member found' : `${n} members found`),
  noMatch: (q) => `No member found for “${q}”.`,
  retry: 'Try again',
  reveal: 'Show contact details',
  hide: 'Hide contact details',
  changeMember: 'Change member',
  chosen: (name) => `${name} selected`,
  unnamed: 'Unnamed member',
  tier: 'Tier',
  email: 'Email',
  phone: 'Phone',
  balancesLabel: 'Member balances',
  rewards: 'Rewards',
  points: 'Points',
  pointsCount: (p) => `${p} pts`,
  pointsWorth: (v) => `worth ${v}`,
  combined: 'Available',
  loadingBalances: 'Loading balances…',
  noMember: 'No member selected',
  stale: 'May be out of date',
  errors: {
    network: 'Omneo could not be reached. Check the connection.',
    timeout: 'Omneo took too long to answer.',
    aborted: 'The request was cancelled.',
    unauthorized: 'This till is not signed in to Omneo, or may not do this.',
    not_found: 'Not found in Omneo.',
    validation: 'Omneo did not accept that.',
    rate_limited: 'Omneo is busy. Wait a moment, then try again.',
    server: 'Omneo had a problem. Try again shortly.',
    http: 'Omneo refused the request.',
    unexpected_response: 'Omneo answered with something unexpected.',
    invalid_input: 'That value cannot be sent to Omneo.',
  },
  benefits: {
    label: 'Benefits',
    loading: 'Loading benefits…',
    empty: 'No benefits to redeem.',
    count: (n) => (n === 1 ? '1 benefit' : `${n} benefits`),
    selectedCount: (n) => `${n} selected`,
    value: (v) => `Worth ${v}`,
    expiresIn: (r) => `Expires ${r}`,
    expiresOn: (d) => `Expires on ${d}`,
    posCode: 'POS code',
    expired: 'Expired',
    notRedeemable: 'Cannot be redeemed now',
    hint: 'Arrow keys move between benefits; Space or Enter chooses.',
  },
  redemption: {
    label: 'Redeem',
    noSale: 'No sale to redeem against.',
    amountLabel: 'Rewards to redeem',
    amountHint: (max, balance) => `Up to ${max} (rewards balance ${balance}).`,
    max: 'Max',
    maxLabel: (max) => `Max: redeem the most possible, ${max}`,
    tooMuch: (max) => `That is more than can be redeemed. The most is ${max}.`,
    nothing: 'Enter an amount above zero, or choose a benefit.',
    notWholeCents: 'Use whole cents: at most two digits after the decimal point.',
    notAnAmount: 'Enter an amount, for example 12.50.',
    overSale: 'The chosen benefits and rewards come to more than the items they pay for.',
    chosenBenefits: 'Benefits to redeem',
    previewCaption: 'How the redemption is spread over the sale',
    item: 'Item',
    original: 'Price',
    share: 'Reward',
    net: 'To pay',
    total: 'Total',
    balanceAfter: 'Rewards left after this:',
    confirm: (amount, n) => {
      const benefits = n === 1 ? '1 benefit' : `${n} benefits`;
      return amount === null ? `Redeem ${benefits}` : n === 0 ? `Redeem ${amount}` : `Redeem ${amount} and ${benefits}`;
    },
    redeeming: 'Redeeming…',
    held: 'Redeemed. Take payment, then complete the sale.',
    countdown: (t) => `If payment fails in the next ${t}, the redemption is reversed.`,
    windowPassed: 'The 10-minute reversal window has passed: if payment fails now, the redemption is refunded as a new reward.',
    recording: 'Recording the sale…',
    recorded: 'Sale recorded with its redemption.',
    reversing: 'Reversing the redemption…',
    reversed: 'Redemption reversed: the member has their rewards and benefits back.',
    refunding: 'Refunding the redemption…',
    refunded: 'Redemption refunded as a new reward.',
    returned: (a) => `${a} given back for the returned items.`,
    cancel: 'Cancel redemption',
    vetoed: 'The till stopped this redemption. Nothing was redeemed.',
    inProgress: 'This sale is already being redeemed in another panel or tab.',
    failed: 'Nothing was redeemed.',
    recovering: 'Checking for redemptions left unsettled…',
    recoveredHeading: 'Settled after a restart',
    recoveredItem: (sale, amount, outcome) => `Sale ${sale}: ${amount} ${outcome}.`,
    recoveryFailed: (sale) => `Sale ${sale}: could not be settled yet. It will be tried again.`,
  },
};

const fr: Messages = {
  lookupLabel: 'Trouver un membre',
  lookupPlaceholder: 'Scannez la carte, ou saisissez e-mail, nom ou téléphone',
  lookupHint: 'Scannez une carte, ou saisissez puis choisissez avec les flèches.',
  searching: 'Recherche…',
  resultsLabel: 'Membres trouvés',
  resultsCount: (n) => (n === 1 ? '1 membre trouvé' : `${n} membres trouvés`),
  noMatch: (q) => `Aucun membre trouvé pour « ${q} ».`,
  retry: 'Réessayer',
  reveal: 'Afficher les coordonnées',
  hide: 'Masquer les coordonnées',
  changeMember: 'Changer de membre',
  chosen: (name) => `${name} sélectionné(e)`,
  unnamed: 'Membre sans nom',
  tier: 'Niveau',
  email: 'E-mail',
  phone: 'Téléphone',
  balancesLabel: 'Soldes du membre',
  rewards: 'Récompenses',
  points: 'Points',
  pointsCount: (p) => `${p} pts`,
  pointsWorth: (v) => `soit ${v}`,
  combined: 'Disponible',
  loadingBalances: 'Chargement des soldes…',
  noMember: 'Aucun membre sélectionné',
  stale: 'Peut-être pas à jour',
  errors: {
    network: 'Omneo est injoignable. Vérifiez la connexion.',
    timeout: 'Omneo a mis trop de temps à répondre.',
    aborted: 'La demande a été annulée.',
    unauthorized: 'Cette caisse n’est pas connectée à Omneo, ou n’y est pas autorisée.',
    not_found: 'Introuvable dans Omneo.',
    validation: 'Omneo n’a pas accepté cette valeur.',
    rate_limited: 'Omneo est occupé. Patientez un instant, puis réessayez.',
    server: 'Omneo a rencontré un problème. Réessayez sous peu.',
    http: 'Omneo a refusé la demande.',
    unexpected_response: 'Omneo a répondu de façon inattendue.',
    invalid_input: 'Cette valeur ne peut pas être envoyée à Omneo.',
  },
  benefits: {
    label: 'Avantages',
    loading: 'Chargement des avantages…',
    empty: 'Aucun avantage à utiliser.',
    count: (n) => (n <= 1 ? `${n} avantage` : `${n} avantages`),
    selectedCount: (n) => (n <= 1 ? `${n} choisi` : `${n} choisis`),
    value: (v) => `Valeur ${v}`,
    expiresIn: (r) => `Expire ${r}`,
    expiresOn: (d) => `Expire le ${d}`,
    posCode: 'Code caisse',
    expired: 'Expiré',
    notRedeemable: 'Inutilisable pour le moment',
    hint: 'Les flèches passent d’un avantage à l’autre ; Espace ou Entrée le choisit.',
  },
  redemption: {
    label: 'Utiliser',
    noSale: 'Aucune vente sur laquelle utiliser des récompenses.',
    amountLabel: 'Récompenses à utiliser',
    amountHint: (max, balance) => `Jusqu’à ${max} (solde de récompenses ${balance}).`,
    max: 'Max',
    maxLabel: (max) => `Max : utiliser le maximum possible, ${max}`,
    tooMuch: (max) => `C’est plus que ce qui peut être utilisé. Le maximum est ${max}.`,
    nothing: 'Saisissez un montant supérieur à zéro, ou choisissez un avantage.',
    notWholeCents: 'Utilisez des centimes entiers : deux chiffres au plus après la virgule.',
    notAnAmount: 'Saisissez un montant, par exemple 12,50.',
    overSale: 'Les avantages et récompenses choisis dépassent le prix des articles qu’ils paient.',
    chosenBenefits: 'Avantages à utiliser',
    previewCaption: 'Répartition sur la vente',
    item: 'Article',
    original: 'Prix',
    share: 'Récompense',
    net: 'À payer',
    total: 'Total',
    balanceAfter: 'Récompenses restantes ensuite :',
    confirm: (amount, n) => {
      const benefits = n <= 1 ? `${n} avantage` : `${n} avantages`;
      return amount === null ? `Utiliser ${benefits}` : n === 0 ? `Utiliser ${amount}` : `Utiliser ${amount} et ${benefits}`;
    },
    redeeming: 'Utilisation en cours…',
    held: 'C’est fait. Encaissez, puis terminez la vente.',
    countdown: (t) => `Si le paiement échoue dans les ${t} à venir, l’opération est annulée.`,
    windowPassed: 'Le délai d’annulation de 10 minutes est passé : si le paiement échoue maintenant, le montant sera remboursé en nouvelle récompense.',
    recording: 'Enregistrement de la vente…',
    recorded: 'Vente enregistrée avec son utilisation de récompenses.',
    reversing: 'Annulation en cours…',
    reversed: 'Opération annulée : le membre retrouve ses récompenses et avantages.',
    refunding: 'Remboursement en cours…',
    refunded: 'Remboursé en nouvelle récompense.',
    returned: (a) => `${a} rendus pour les articles retournés.`,
    cancel: 'Annuler l’utilisation',
    vetoed: 'La caisse a arrêté cette opération. Rien n’a été utilisé.',
    inProgress: 'Cette vente est déjà en cours d’utilisation dans un autre panneau ou onglet.',
    failed: 'Rien n’a été utilisé.',
    recovering: 'Recherche d’opérations restées en suspens…',
    recoveredHeading: 'Réglé après un redémarrage',
    recoveredItem: (sale, amount, outcome) =>
      `Vente ${sale} : ${amount} ${{ recorded: 'enregistrés', reversed: 'annulés', refunded: 'remboursés' }[outcome]}.`,
    recoveryFailed: (sale) => `Vente ${sale} : pas encore réglée. Une nouvelle tentative suivra.`,
  },
};

const catalogue: Readonly<Record<string, Messages>> = { en, fr };

/** The languages the catalogue has. */
export const supportedLanguages: readonly string[] = Object.keys(catalogue);

/** The messages for `locale`, by its primary subtag; English when the language is missing. */
export function messagesFor(locale: string): Messages {
  return catalogue[locale.split('-')[0]!.toLowerCase()] ?? en;
}

/** `locale` when `Intl` accepts it, else `'en'`. */
export function safeLocale(locale: string | undefined | null): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/**
 * The `lang` nearest to `element`: its own, an ancestor's, or a shadow host's, stopping before
 * the document's root element (the caller decides where the document's `lang` ranks).
 */
export function nearestLang(element: Element): string | undefined {
  const root = element.ownerDocument.documentElement;
  let node: Node | null = element;
  while (node && node !== root) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

/** `cents` as money in `currency`, e.g. 4000 -> "$40.00" (en-AU, AUD). */
export function formatMoney(cents: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
  } catch {
    // An unknown currency code: still show the amount, with the code.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} ${currency}`;
  }
}

/** A plain number (points) in `locale`, e.g. 1500 -> "1,500". */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}
