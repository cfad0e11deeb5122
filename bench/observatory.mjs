// Runs Mozilla's HTTP Observatory scan (@mdn/mdn-http-observatory) on one host and prints the result as
// plain lines: the grade and score, each test (name, result, pass, score modifier), the redirect route
// and the response headers the scoring saw. Called by bench/observatory, which serves the site first:
//
//   NODE_EXTRA_CA_CERTS=ca.pem node bench/observatory.mjs PACKAGE_DIR HOSTNAME
//
// PACKAGE_DIR is the installed package (…/node_modules/@mdn/mdn-http-observatory): it lives outside the
// repository, so it is imported by path. The scanner fetches http://HOSTNAME/ and https://HOSTNAME/ on
// ports 80 and 443 and follows redirects. Exit 0 with any grade; 1 if the scan could not be made.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [packageDir, hostname = "localhost"] = process.argv.slice(2);
if (!packageDir) {
  console.error("usage: node bench/observatory.mjs PACKAGE_DIR [HOSTNAME]");
  process.exit(2);
}
const { scan } = await import(pathToFileURL(path.join(packageDir, "src", "index.js")).href);

let result;
try {
  result = await scan(hostname);
} catch (e) {
  console.error(`observatory: scan of ${hostname} failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
const { scan: summary, tests } = result;

const pad = (text, width) => String(text).padEnd(width);
const signed = (n) => (n > 0 ? `+${n}` : `${n}`);
console.log(`tests (scanned ${hostname}, final response status ${summary.statusCode}):`);
for (const test of Object.values(tests)) {
  const name = test.constructor.name;
  console.log(
    `  ${pad(name, 34)} ${pad(test.pass ? "pass" : "FAIL", 5)} ${pad(signed(test.scoreModifier ?? 0), 4)} ${test.result}`
  );
}
const route = tests.redirection?.route ?? [];
if (route.length) console.log(`redirects: ${route.join(" -> ")}`);

console.log("response headers (final response):");
for (const [name, value] of Object.entries(summary.responseHeaders).sort(([a], [b]) => a.localeCompare(b))) {
  for (const item of Array.isArray(value) ? value : [value]) console.log(`  ${name}: ${item}`);
}

console.log(
  `observatory: grade ${summary.grade} score ${summary.score}/100 ` +
    `(${summary.testsQuantity} tests, ${summary.testsFailed} failed)`
);
