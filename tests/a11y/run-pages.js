// Opens pages in headless Chromium at a given width, or prints them as the print dialog would.
//
//   node run-pages.js CHROMIUM < views.json > results.json
//
// views.json is a list of {"name", "file", "width"?, "screenshot"?, "pdf"?, "background"?}:
// with "width", the page is laid out in a window that wide and measured (a screenshot of the
// first screen is saved when asked); with "pdf", it is printed to that file with the page size
// its style sheet asks for, background graphics on or off as in the dialog (default off).
// The output is a list of {"name", "scrollWidth", "innerWidth", "wide": [...]} or {"name", "pdf"}.
"use strict";

const path = require("path");
const { pathToFileURL } = require("url");
const { eachView } = require("./each-view");


// Elements that reach past the window's right edge, outside any box that scrolls on its own.
function wideElements() {
  const edge = window.innerWidth + 0.5;
  const scrollsItself = (element) => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((element) => element.getBoundingClientRect().right > edge && !scrollsItself(element))
    .slice(0, 10)
    .map((element) => `${element.tagName.toLowerCase()}.${element.className}: `
      + `${(element.textContent || "").trim().slice(0, 60)} (${Math.round(element.getBoundingClientRect().right)} px)`);
}

async function open(browser, view) {
  const context = await browser.newContext({ viewport: { width: view.width || 1280, height: 800 }, offline: true });
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.resolve(view.file)).href, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  return { context, page };
}

async function run(browser, view) {
  const { context, page } = await open(browser, view);
  try {
    if (view.pdf) {
      await page.pdf({ path: view.pdf, preferCSSPageSize: true, printBackground: Boolean(view.background) });
      return { name: view.name, pdf: view.pdf };
    }
    if (view.screenshot) await page.screenshot({ path: view.screenshot });
    const measured = await page.evaluate(`({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      wide: (${wideElements.toString()})(),
    })`);
    return { name: view.name, ...measured };
  } finally {
    await context.close();
  }
}

eachView(run);
