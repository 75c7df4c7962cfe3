import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locale.ts';
import {
  COUNTRIES,
  CRISIS_ROUTES,
  REPORT_ROUTES,
  SERVICES,
  serviceMessages,
  UNDER_18_ROUTES,
} from './services.ts';

describe('services shown to victims', () => {
  it('each cite a source, in every language, and link over https to the service itself', () => {
    for (const service of Object.values(SERVICES)) {
      expect(service.url).toMatch(/^https:\/\//);
      if (service.sourceUrl !== undefined) expect(service.sourceUrl).toMatch(/^https:\/\//);
      for (const locale of LOCALES) {
        expect(serviceMessages[locale][service.id].source.length).toBeGreaterThan(5);
      }
    }
  });

  it('route minors to Take It Down everywhere, and to 3018 in France', () => {
    for (const country of COUNTRIES) expect(UNDER_18_ROUTES[country]).toContain('takeItDown');
    expect(UNDER_18_ROUTES.FR).toContain('e3018');
    expect(SERVICES.e3018.phone).toBe('3018');
  });

  it('give each country a place to report and someone to talk to', () => {
    expect(REPORT_ROUTES.FR).toEqual(expect.arrayContaining(['pharos', 'cyber17', 'thesee']));
    expect(REPORT_ROUTES.MA).toContain('eblagh');
    for (const country of COUNTRIES) {
      expect(REPORT_ROUTES[country]).toContain('stopncii');
      expect(CRISIS_ROUTES[country].length).toBeGreaterThan(0);
    }
  });
});
