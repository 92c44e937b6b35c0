/** The marketplace's categories, in the order the console shows them. */
export const MARKETPLACE_CATEGORIES = ['Service', 'Database', 'Storage', 'Messaging', 'Generative AI', 'Other'] as const;
export type MarketplaceCategory = (typeof MARKETPLACE_CATEGORIES)[number];
