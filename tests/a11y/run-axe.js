// Runs axe-core on pages in headless Chromium and prints the violations as JSON.
//
//   node run-axe.js CHROMIUM < views.json > results.json
//
// views.json is a list of {"name", "file", "hash"?, "script"?, "pointer"?, "width"?}: the page file
// to open (with an optional #hash), whether its script runs (default true), whether a mouse
// movement should first reveal what only shows under the pointer (the deck's controls), and the
// window's width (default 1280 px; a phone's is 320-390).
// The output is a list of {"name", "violations": [{"id", "impact", "help", "nodes": [{"target", "summary"}]}]}.
"use strict";

const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const { eachView } = require("./each-view");

// The default rules plus WCAG 2.x AAA (color-contrast-enhanced: 7:1) and the best practices.
const TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

async function audit(browser, view) {
  const context = await browser.newContext({ viewport: { width: view.width || 1280, height: 800 }, offline: true });
  const page = await context.newPage();
  if (view.script === false) {
    // Chromium with script switched off also stops axe's own timers: take the page's script out instead.
    const html = fs.readFileSync(view.file, "utf8").replace(/<script>[\s\S]*?<\/script>/g, "");
    await page.setContent(html, { waitUntil: "load" });
  } else {
    await page.goto(pathToFileURL(path.resolve(view.file)).href + (view.hash || ""), { waitUntil: "load" });
  }
  await page.evaluate(() => (document.fonts ? document.fonts.ready.then(() => true) : true));
  if (view.pointer) {
    await page.mouse.move(10, 10);
    await page.mouse.move(20, 20);
    await page.waitForTimeout(400);  // the controls fade in over .3 s
  }
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol, so the deck's Content-Security-Policy does not block it.
  await page.evaluate(source);
  const results = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
  }), TAGS);
  await context.close();
  return {
    name: view.name,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    })),
  };
}

eachView(audit);
