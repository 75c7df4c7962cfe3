/**
 * A victim takes back a message they added to their case, in Chromium against a real `aman serve`:
 * the message is added from the triage page ("Add to my case"), listed on the case page (Arabic,
 * right to left), removed after a confirmation, and gone from the page and from the server. The
 * whole-case withdrawal's confirmation says that messages are deleted too, and they are.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmanClient } from '@aman/api';
import { launchChromium, openPortal, seriousA11yViolations } from './support/browser.ts';
import { startAman, type Aman } from './support/server.ts';

let aman: Aman;
let browser: Browser;

beforeAll(async () => {
  [aman, browser] = await Promise.all([startAman(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await aman?.stop();
});

// Written for this test: a made-up blackmail message, nothing real.
const MESSAGE =
  'عندي الفيديو ديالك. صيفط 300 يورو ولا غادي نبعثو لعائلتك. تواصل معايا فالواتساب +212 6 70 44 55 66 قبل الليل.';

describe('messages added to a case', () => {
  it('lists the message on the case page, removes it after a confirmation, and it is gone', async () => {
    const client = new AmanClient({ baseUrl: aman.url });
    const opened = await client.createCase({
      signals: [{ type: 'md5', value: createHash('md5').update('e2e messages').digest('hex') }],
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const { caseNumber, pin } = opened.value;

    const victim = await openPortal(browser, 'ar');
    const { page } = victim;
    await page.goto(`${aman.url}/help`);
    await page.locator('textarea').fill(MESSAGE);
    await page.locator('form button[type="submit"]').click();
    const add = page.locator('[data-testid="add-to-case"]');
    await add.locator('input[name="caseNumber"]').fill(caseNumber);
    await add.locator('input[name="pin"]').fill(pin);
    await add.locator('button[type="submit"]').click();
    await add.locator('[role="status"]').waitFor();

    // A new page load: the portal kept nothing (memory only), the case opens with number and PIN.
    await page.goto(`${aman.url}/case`);
    await page.locator('input.code-input').nth(0).fill(caseNumber);
    await page.locator('input.code-input').nth(1).fill(pin);
    await page.locator('form button[type="submit"]').click();
    const messages = page.locator('[data-testid="messages"] li');
    await messages.first().waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await messages.count()).toBe(1);
    expect(await messages.first().textContent()).toContain('+212 6 70 44 55 66');
    expect(await messages.first().locator('[dir="auto"]').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Remove, then think better of it: nothing happens.
    await messages.first().locator('button').click();
    const dialog = page.locator('[data-testid="confirm-remove-message"]');
    await dialog.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.locator('.button-secondary').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await messages.count()).toBe(1);

    // Remove and confirm.
    await messages.first().locator('button').click();
    await dialog.locator('.button-danger').click();
    await page.locator('[data-testid="no-messages"]').waitFor();
    expect(await messages.count()).toBe(0);
    const listed = await client.reports(caseNumber, pin);
    expect(listed.ok && listed.value.reports).toEqual([]);
    expect(victim.errors).toEqual([]);

    // The whole-case withdrawal says that the messages go too, and does it (English page).
    const second = await client.addReport(caseNumber, pin, { text: MESSAGE });
    expect(second.ok).toBe(true);
    const english = await openPortal(browser, 'en');
    await english.page.goto(`${aman.url}/case`);
    await english.page.getByLabel('Case number', { exact: true }).fill(caseNumber);
    await english.page.getByLabel('PIN', { exact: true }).fill(pin);
    await english.page.locator('form button[type="submit"]').click();
    await english.page
      .getByRole('button', { name: 'Withdraw everything and close the case' })
      .click();
    const confirm = english.page.getByRole('dialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('The messages you added to the case');
    await confirm.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await english.page.locator('.callout-ok', { hasText: '1 message deleted.' }).waitFor();
    await english.page.locator('[data-testid="no-messages"]').waitFor();
    const afterWithdrawal = await client.reports(caseNumber, pin);
    expect(afterWithdrawal.ok && afterWithdrawal.value.reports).toEqual([]);
    expect(english.errors).toEqual([]);
    await english.context.close();
    await victim.context.close();
  });
});
