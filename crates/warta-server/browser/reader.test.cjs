// The reader page in headless Chromium: the DOM holds the article (headline, byline, captions,
// read-also links), none of the page's own scripts ran, the controls switch theme, size and
// typeface, and screenshots of each state go to target/browser-screens/.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require(path.join(process.env.WARTA_NODE_MODULES, "playwright-core"));

const base = process.env.WARTA_URL;
const root = process.env.WARTA_ROOT;
const screens = path.join(root, "target", "browser-screens");
const fixtures = path.join(root, "crates", "warta-server", "tests", "fixtures");

let context;
let userDataDir;

before(async () => {
  fs.mkdirSync(screens, { recursive: true });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warta-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    timezoneId: "Europe/Berlin",
    locale: "en-GB",
  });
  // Only our own server is ever reached: the pages' images and trackers are refused here.
  await context.route("**/*", (route) =>
    route.request().url().startsWith(base) ? route.continue() : route.abort());
});

after(async () => {
  await context?.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens the front page, uploads `file`, and waits for the reader page. */
async function readFile(file) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/.test(m.text())) errors.push(m.text()); });
  await page.goto(base + "/", { waitUntil: "domcontentloaded" });
  await page.setInputFiles("#file", file);
  await Promise.all([
    page.waitForURL(base + "/read", { waitUntil: "domcontentloaded" }),
    page.locator("form:has(#file) button[type=submit]").click(),
  ]);
  await page.waitForSelector("h1.headline");
  page.errors = errors;
  return page;
}

/** Nothing of the page's own code is in the DOM, and none of it ran. */
async function assertNoPageCode(page) {
  const found = await page.evaluate(() => ({
    ran: [window.__pageScriptRan, window.__pageEventRan].filter((v) => v !== undefined).length,
    scripts: [...document.scripts].map((s) => new URL(s.src || "inline:", location.href).pathname),
    frames: document.querySelectorAll("iframe, frame, object, embed").length,
    // The reader sets its own text size on <html>; nothing in the body has inline style.
    styles: document.querySelectorAll("style, body [style]").length,
    handlers: [...document.querySelectorAll("*")].filter((el) =>
      [...el.attributes].some((a) => a.name.startsWith("on"))).length,
    jsLinks: document.querySelectorAll("a[href^='javascript:' i]").length,
  }));
  assert.deepEqual(found, { ran: 0, scripts: ["/static/reader.js"], frames: 0, styles: 0, handlers: 0, jsLinks: 0 });
  assert.deepEqual(page.errors, []);
}

async function shot(page, name, fullPage = false) {
  await page.screenshot({ path: path.join(screens, name + ".png"), fullPage });
}

test("the front page offers address, paste and upload", async () => {
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "domcontentloaded" });
  assert.equal(await page.locator("form").count(), 3);
  await page.locator("#url").waitFor();
  await shot(page, "00-front-page");
  await page.close();
});

test("portal-berita: headline, byline, captions, read-also, themes", async () => {
  const page = await readFile(path.join(root, "examples", "portal-berita.html"));
  assert.equal(
    (await page.locator("h1.headline").textContent()).trim(),
    "Petani Kopi Lereng Merbabu Panen Raya Lebih Awal, Harga Gabah Kopi Naik");
  const byline = await page.locator(".byline .person").evaluateAll((els) =>
    els.map((e) => [e.querySelector(".name").textContent, e.dataset.role]));
  assert.deepEqual(byline.slice(0, 2), [["Dewi Lestari Anggraini", "author"], ["Bambang Sutejo", "editor"]]);
  const caption = await page.locator("figcaption").first().textContent();
  assert.match(caption, /Seorang petani memetik buah kopi merah/);
  assert.match(caption, /Rahmat Hidayanto/);
  const readAlso = await page.locator(".read-also a").evaluateAll((as) => as.map((a) => a.href));
  assert.ok(readAlso.length >= 1 && readAlso.every((h) => h.startsWith("https://")), String(readAlso));
  assert.equal(await page.locator(".dateline .place").textContent(), "Jakarta");
  assert.equal(await page.locator(".dateline .wire").first().textContent(), "Antara");
  // The reader's own script ran (under the CSP): local time beside the page's.
  assert.equal(await page.locator(".published").textContent(), "2022-10-12 08:00");
  assert.match(await page.locator(".local-time").first().textContent(), /2022.*your time/);
  await assertNoPageCode(page);

  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const seen = new Set();
  for (const theme of ["light", "sepia", "dark"]) {
    await page.click(`[data-theme-choice=${theme}]`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    await page.waitForTimeout(300); // the colour transition
    seen.add(await background());
    await shot(page, `10-portal-berita-${theme}`);
  }
  assert.equal(seen.size, 3, "each theme has its own background");

  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".story")).fontSize));
  const before = await size();
  await page.click("[data-size-step='1']");
  await page.click("[data-size-step='1']");
  assert.ok((await size()) > before);
  const face = () => page.evaluate(() => getComputedStyle(document.querySelector(".story-body")).fontFamily);
  await page.click("[data-face-choice=sans]");
  const sans = await face();
  await page.click("[data-face-choice=serif]");
  assert.notEqual(await face(), sans);
  await page.click("[data-theme-choice=light]");
  await page.click("[data-size-step='-1']");
  await page.click("[data-size-step='-1']");
  await shot(page, "11-portal-berita-full", true);

  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), "no sideways scroll on a phone");
  await shot(page, "13-portal-berita-phone");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".bar").evaluate((e) => getComputedStyle(e).display), "none");
  await shot(page, "12-portal-berita-print", true);
  await page.close();
});

test("arabic: right to left, with its byline, caption and read-also", async () => {
  const page = await readFile(path.join(fixtures, "rtl-arabic.html"));
  const story = page.locator("article.story");
  assert.equal(await story.getAttribute("dir"), "rtl");
  assert.equal(await story.getAttribute("lang"), "ar");
  assert.equal(await page.locator(".story-body p").first().evaluate((e) => getComputedStyle(e).direction), "rtl");
  assert.match(await page.locator("h1.headline").textContent(), /مهرجان التمور/);
  assert.match(await page.locator(".byline .name").first().textContent(), /سامي العطار/);
  assert.match(await page.locator("figcaption").first().textContent(), /نورة السالم/);
  assert.ok((await page.locator(".read-also a").count()) >= 1);
  await assertNoPageCode(page);
  await shot(page, "20-arabic-rtl-sepia-before");
  await page.click("[data-theme-choice=sepia]");
  await page.waitForTimeout(300);
  await shot(page, "20-arabic-rtl-sepia");
  await page.click("[data-theme-choice=light]");
  await page.close();
});

test("chinese: a long article, its reading time, dark theme", async () => {
  const page = await readFile(path.join(fixtures, "cjk-long.html"));
  assert.equal(await page.locator("article.story").getAttribute("lang"), "zh");
  assert.equal((await page.locator("h1.headline").textContent()).trim(), "山城古镇老茶馆的百年时光");
  assert.ok((await page.locator(".story-body p").count()) >= 12);
  const minutes = parseInt(await page.locator(".reading-time").textContent(), 10);
  assert.ok(minutes >= 3, `reading time ${minutes}`);
  assert.match(await page.locator("figcaption").first().textContent(), /清晨六点/);
  await assertNoPageCode(page);
  await page.click("[data-theme-choice=dark]");
  await page.waitForTimeout(300);
  await shot(page, "30-chinese-dark");
  await shot(page, "31-chinese-dark-full", true);
  await page.click("[data-theme-choice=light]");
  await page.close();
});

test("pasted hostile markup: no script, frame, style or handler survives", async () => {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(base + "/", { waitUntil: "domcontentloaded" });
  await page.fill("#html", fs.readFileSync(path.join(fixtures, "hostile.html"), "utf8"));
  await Promise.all([
    page.waitForURL(base + "/read", { waitUntil: "domcontentloaded" }),
    page.locator("form:has(#html) button[type=submit]").click(),
  ]);
  assert.equal((await page.locator("h1.headline").textContent()).trim(), "Harbour Ferry Returns After Winter Repairs");
  assert.notEqual(await page.title(), "PWNED");
  await assertNoPageCode(page);
  await shot(page, "40-hostile-page");
  await page.close();
});
