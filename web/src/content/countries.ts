/**
 * The countries whose services the portal knows (anything else is `other`). A module of its own so
 * that the first screen, which picks the country, does not download every service's texts with it.
 */
export const COUNTRIES = ['FR', 'MA', 'other'] as const;
export type Country = (typeof COUNTRIES)[number];
