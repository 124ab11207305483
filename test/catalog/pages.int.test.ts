import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { ImageRepository } from '../../src/catalog/image-repository.js';
import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { SwTagRepository } from '../../src/catalog/swtag-repository.js';
import { launchChromium } from '../support/launch-chromium.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { swTagIdentity } from './swtag-identity.js';

// The web pages over a real port in headless Chromium, as a physicist and a writer use them. Screenshots go to
// .stackhook/screenshots (looked at by hand; see the issue note).
const SCREENSHOTS = path.resolve('.stackhook/screenshots');
const XSS = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;

const identity = swTagIdentity;
const digest = (n: number) => `sha256:${n.toString(16).repeat(64)}`;

describe.each(CATALOG_DATABASES)('the catalog web pages on $name (Chromium)', ({ name, open }) => {
  let database: ServiceDatabase;
  let app: FastifyInstance;
  let address: string;
  let browser: Browser;
  let page: Page;
  let writerKey: string;
  let swtags: SwTagRepository;
  let images: ImageRepository;
  const shot = (what: string) =>
    page.screenshot({
      path: path.join(SCREENSHOTS, `catalog-${name.toLowerCase()}-${what}.png`),
      fullPage: true,
    });

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    database = await open();
    swtags = new SwTagRepository(database.db);
    images = new ImageRepository(database.db);
    const actor = { user: 'seed' };
    writerKey = await createApiKey(database.db, 'wendy', 'writer');
    await swtags.add(identity({ comment: XSS }), actor);
    await swtags.add(identity({ imagearch: 'aarch64', comment: 'the ARM build! 100%' }), actor);
    await swtags.add(identity({ swrelease: 'Athena-25.0.3', comment: 'next release' }), actor);
    for (const n of [1, 2]) {
      await images.add(
        {
          registry: '127.0.0.1:5000',
          repository_user: 'atlas',
          repository_name: 'athanalysis',
          repository_swtag: 'sw1',
          hash_digest: digest(n),
        },
        actor,
      );
    }
    app = await buildServiceApp({ db: database.db });
    address = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('dialog', () => {
      throw new Error('a page opened a dialog: markup from the catalog ran');
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.db.destroy();
  });

  it('searches SW-Tags in one field or any, and images by digest', async () => {
    await page.goto(`${address}/`);
    expect(await page.locator('#swtags tbody tr').count()).toBe(3);
    await page.selectOption('#field', 'IMAGEARCH');
    await page.fill('#q', 'AARCH');
    await page.click('button[type=submit]');
    await expect(rowsOf('#swtags')).resolves.toEqual([expect.stringContaining('sw2')]);
    await shot('search');
    await page.selectOption('#field', 'any');
    await page.fill('#q', '25.0');
    await page.click('button[type=submit]');
    await expect(rowsOf('#swtags')).resolves.toEqual([expect.stringContaining('sw3')]);
    // `!` (the LIKE escape), `%` and `_` are taken literally.
    await page.goto(`${address}/?kind=swtags&field=COMMENT&q=${encodeURIComponent('build! 100%')}`);
    await expect(rowsOf('#swtags')).resolves.toEqual([expect.stringContaining('sw2')]);
    await page.goto(`${address}/?kind=swtags&field=any&q=${encodeURIComponent('x_6%')}`);
    expect((await page.locator('#result-count').textContent())?.trim()).toBe('Nothing found.');
    await page.goto(`${address}/?kind=images&field=HASH_DIGEST&q=${digest(2).slice(0, 20)}`);
    const images = await rowsOf('#images');
    expect(images).toHaveLength(1);
    expect(images[0]).toContain(`podman pull 127.0.0.1:5000/atlas/athanalysis@${digest(2)}`);
    await shot('search-images');
  });

  it('shows a SW-Tag with its images and their pull commands, and catalog text as text', async () => {
    await page.goto(`${address}/?kind=swtags&field=TAGNAME&q=sw1`);
    await page.click('#swtags a[href="/swtags/sw1"]');
    await page.waitForURL(`${address}/swtags/sw1`);
    expect(await page.locator('h1').textContent()).toBe('SW-Tag sw1');
    const pulls = await page.locator('#images code.pull').allTextContents();
    expect(pulls).toEqual([
      'podman pull 127.0.0.1:5000/atlas/athanalysis:sw1-1',
      `podman pull 127.0.0.1:5000/atlas/athanalysis@${digest(2)}`,
      'podman pull 127.0.0.1:5000/atlas/athanalysis:sw1-0',
      `podman pull 127.0.0.1:5000/atlas/athanalysis@${digest(1)}`,
    ]);
    expect(await page.locator('#swtag').textContent()).toContain(XSS);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    // Anonymous visitors see no writers' links.
    expect(await page.locator('a[href="/swtags/sw1/images/new"]').count()).toBe(0);
    await shot('swtag');
  });

  it('sends a visitor to log in before a form, refuses a wrong key, then comes back', async () => {
    await page.goto(`${address}/swtags/new`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#key', 'shk_000000000000_not-a-real-key');
    const refused = page.waitForResponse((response) => response.url().endsWith('/login'));
    await page.click('main button[type=submit]');
    expect((await refused).status()).toBe(401);
    expect(await page.locator('[role=alert]').textContent()).toContain('unknown or malformed');
    await page.fill('#key', writerKey);
    await page.click('main button[type=submit]');
    await page.waitForURL(`${address}/swtags/new`);
    expect(await page.locator('header .who').textContent()).toBe('wendy (writer)');
  });

  it('shows a writer what is wrong with a SW-Tag form, keeps the values, then creates the tag', async () => {
    await page.goto(`${address}/swtags/new`);
    const fields = {
      TAGTYPE: 'container',
      IMAGETYPE: 'simulation',
      IMAGEPLATFORM: 'el9',
      IMAGECOMPILER: 'gcc13',
      PRODSTEP: 'simul',
      SWRELEASE: 'AthSimulation-23.0.20',
      DBRELEASE: 'current',
      DISTSWRELEASE: 'default',
      VERSION: '1',
    };
    for (const [field, value] of Object.entries(fields)) await page.fill(`#${field}`, value);
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.click('main button[type=submit]');
    expect((await answer).status()).toBe(400);
    expect(await page.locator('#form-errors').textContent()).toContain('IMAGEARCH');
    expect(await page.locator('#IMAGEARCH-error').textContent()).toBe('required');
    expect(await page.inputValue('#SWRELEASE')).toBe('AthSimulation-23.0.20');
    await shot('form-error');
    await page.fill('#IMAGEARCH', 'x86_64');
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/swtags\/sw4\?notice=created$/);
    expect(await page.locator('[role=status]').textContent()).toBe('SW-Tag created.');
    const stored = await swtags.get('sw4');
    expect(stored).toMatchObject({ imagetype: 'simulation', createdby: 'wendy', comment: '' });
  });

  it('lets a writer add an image to a SW-Tag, with the digest checked', async () => {
    await page.goto(`${address}/swtags/sw4`);
    await page.click('a[href="/swtags/sw4/images/new"]');
    await page.fill('#REGISTRY', '127.0.0.1:5000');
    await page.fill('#REPOSITORY_USER', 'atlas');
    await page.fill('#REPOSITORY_NAME', 'athsimulation');
    await page.fill('#HASH_DIGEST', 'sha256:XYZ');
    await page.click('main button[type=submit]');
    expect(await page.locator('#HASH_DIGEST-error').textContent()).toContain('sha256:');
    await page.fill('#HASH_DIGEST', digest(7));
    await page.click('main button[type=submit]');
    await page.waitForURL(/\/swtags\/sw4\?notice=image-added#image-\d+$/);
    expect(await page.locator('#images code.pull').first().textContent()).toBe(
      'podman pull 127.0.0.1:5000/atlas/athsimulation:sw4-0',
    );
    await shot('image-added');
    expect(await images.listForSwTag('sw4')).toEqual([
      expect.objectContaining({ repository_counter: 0, hash_digest: digest(7), createdby: 'wendy' }),
    ]);
  });

  async function rowsOf(table: string): Promise<string[]> {
    return page.locator(`${table} tbody tr`).allTextContents();
  }
});
