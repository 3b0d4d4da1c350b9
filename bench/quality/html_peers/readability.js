// Readability.js over the pages of a manifest, for bench/quality --html-peers (see ../html_peers.py).
//   NODE_PATH=WORK/node_modules node readability.js MANIFEST OUT
// MANIFEST lines are "id<TAB>url<TAB>file" (file: the page's HTML, already decoded to UTF-8). OUT gets
// one JSON line per page: {"id", "html"}, the article's content HTML (null when parse() finds no
// article), or {"id", "error"}. html_peers.py turns the HTML into text, as it does readability-lxml's.
"use strict";
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const [manifest, outPath] = process.argv.slice(2);
const out = fs.openSync(outPath, "w");
for (const line of fs.readFileSync(manifest, "utf8").split("\n")) {
  if (!line) continue;
  const [id, url, file] = line.split("\t");
  const row = { id };
  let dom = null;
  try {
    // runScripts and resources left unset: jsdom runs none of the page's scripts and fetches
    // nothing (no stylesheets, images or frames). The URL resolves relative links as on the site;
    // the silent console drops jsdom's CSS parse warnings.
    dom = new JSDOM(fs.readFileSync(file, "utf8"), { url: url || undefined, virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    row.html = article ? article.content : null;
  } catch (e) {
    row.error = String((e && e.message) || e).slice(0, 300);
  } finally {
    if (dom) dom.window.close(); // frees the page's window before the next one
  }
  fs.writeSync(out, JSON.stringify(row) + "\n");
}
fs.closeSync(out);
