// The part the page drivers share: Chromium started once with the machine's flags, a list of views
// read as JSON from standard input, one result per view printed as JSON, exit status 2 on a failure.
"use strict";

const fs = require("fs");
const { chromium } = require("playwright-core");

const FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

// Runs visit(browser, view) for each view in turn; the Chromium to use is the first argument.
function eachView(visit) {
  async function main() {
    const executablePath = process.argv[2];
    const views = JSON.parse(fs.readFileSync(0, "utf8"));
    const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS, timeout: 120000 });
    try {
      const results = [];
      for (const view of views) {
        results.push(await visit(browser, view));
      }
      process.stdout.write(JSON.stringify(results, null, 1) + "\n");
    } finally {
      await browser.close();
    }
  }

  main().catch((error) => {
    process.stderr.write(String(error && error.stack || error) + "\n");
    process.exit(2);
  });
}

module.exports = { eachView };
