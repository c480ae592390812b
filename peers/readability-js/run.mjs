// Runs Mozilla Readability over warta's benchmark sets and writes peers/out/readability-js/<set>.jsonl.
//
//   node peers/readability-js/run.mjs [--set NAME]... [--limit N] [--bench DIR] [--out DIR]
//
// Timed per page (performance.now): decoding the bytes, jsdom parsing, Readability.parse. Reading the file and gunzip are not timed.

import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const SETS = ["scrapinghub", "wcxb-dev", "trafilatura", "readability", "htmldate", "fundus-dev"];
const PEERS = join(dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const args = { sets: [], limit: null, bench: null, out: join(PEERS, "out") };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--set") {
      if (!SETS.includes(value)) throw new Error(`unknown set ${value}`);
      args.sets.push(value);
    } else if (flag === "--limit") args.limit = Number.parseInt(value, 10);
    else if (flag === "--bench") args.bench = value;
    else if (flag === "--out") args.out = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (args.sets.length === 0) args.sets = SETS;
  return args;
}

// The page list comes from peers/pages.py, so every runner reads the same pages.
function listPages(set, args) {
  const cli = [join(PEERS, "pages.py"), "--set", set];
  if (args.limit) cli.push("--limit", String(args.limit));
  if (args.bench) cli.push("--bench", args.bench);
  const stdout = execFileSync("python3", cli, { encoding: "utf-8", maxBuffer: 1 << 28 });
  return stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

function readPage(path) {
  const raw = readFileSync(path);
  return path.endsWith(".gz") ? gunzipSync(raw) : raw;
}

const EMPTY = { text: "", title: null, authors: [], published: null, site_name: null };

// Scripts stay off (jsdom's default); page CSS/console noise is dropped.
const quietConsole = new VirtualConsole();

// Readability has no decoder, and jsdom given bytes falls back to windows-1252 when no charset is
// declared, which garbles the many undeclared UTF-8 pages. So the runner decodes, as a browser
// or crawler in front of Readability would: BOM, then a charset named in the first 1 KiB, then
// UTF-8 if valid, else windows-1252.
function decode(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = bytes.subarray(0, 1024).toString("latin1").toLowerCase();
  const declared = /(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.-]+)/.exec(head);
  if (declared) {
    try {
      const decoder = new TextDecoder(declared[1]);
      // A page that declares UTF-16 but reached us as ASCII-compatible bytes is UTF-8.
      if (!decoder.encoding.startsWith("utf-16")) return decoder.decode(bytes);
    } catch {} // unknown label: fall through
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function extract(bytes, url) {
  const html = decode(bytes);
  const dom = new JSDOM(html, url ? { url, virtualConsole: quietConsole } : { virtualConsole: quietConsole });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  if (!article) return { ...EMPTY };
  return {
    text: article.textContent || "",
    title: article.title || null,
    authors: article.byline ? [article.byline.trim()] : [],
    published: article.publishedTime || null,
    site_name: article.siteName || null,
  };
}

const round3 = (ms) => Math.round(ms * 1000) / 1000;

function log(message) {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// jsdom keeps a few MB per page alive even after window.close(), so one process runs out of
// heap within a set; each chunk of pages therefore runs in a fresh child process.
const CHUNK = 100;

// Child side: reads a chunk of pages as JSON on stdin, writes one record per line on stdout.
function runChunk(set) {
  const pages = JSON.parse(readFileSync(0, "utf-8"));
  if (pages.length > 0) {
    // One untimed call first, so JIT warm-up does not bill the chunk's first page.
    try {
      extract(readPage(pages[0].path), pages[0].url);
    } catch {}
  }
  for (const page of pages) {
    const bytes = readPage(page.path);
    const begin = performance.now();
    const beginCpu = process.cpuUsage();
    let fields;
    try {
      fields = extract(bytes, page.url);
    } catch (error) {
      fields = { ...EMPTY, error: String(error) };
    }
    const ms = performance.now() - begin;
    // Process CPU time (user + system): includes V8's helper threads (GC), unlike Python/Rust.
    const cpu = process.cpuUsage(beginCpu);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    process.stdout.write(JSON.stringify({ set, id: page.id, ...fields, ms: round3(ms), cpu_ms: round3(cpuMs) }) + "\n");
  }
}

function runSet(set, args) {
  const pages = listPages(set, args);
  const dir = join(args.out, "readability-js");
  mkdirSync(dir, { recursive: true });
  const outPath = join(dir, `${set}.jsonl`);
  const errorsPath = join(dir, `${set}.errors.jsonl`);
  writeFileSync(outPath, "");
  writeFileSync(errorsPath, "");
  const started = performance.now();
  let [totalMs, totalCpuMs, errors, done] = [0, 0, 0, 0];
  for (let at = 0; at < pages.length; at += CHUNK) {
    const chunk = pages.slice(at, at + CHUNK);
    const stdout = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--worker", set], {
      input: JSON.stringify(chunk),
      encoding: "utf-8",
      maxBuffer: 1 << 30,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = stdout.split("\n").filter(Boolean);
    for (const line of lines) {
      const record = JSON.parse(line);
      totalMs += record.ms;
      totalCpuMs += record.cpu_ms;
      if (record.error) {
        errors += 1;
        appendFileSync(errorsPath, JSON.stringify({ id: record.id, error: record.error }) + "\n");
      }
    }
    appendFileSync(outPath, lines.map((line) => line + "\n").join(""));
    done += lines.length;
    log(`readability-js ${set}: ${done}/${pages.length}`);
  }
  const count = Math.max(pages.length, 1);
  const wall = (performance.now() - started) / 1000;
  log(
    `readability-js ${set}: ${pages.length} pages, ${errors} errors, mean ${(totalMs / count).toFixed(2)} ms/page ` +
      `(cpu ${(totalCpuMs / count).toFixed(2)}), wall ${wall.toFixed(1)} s -> ${outPath}`,
  );
}

if (process.argv[2] === "--worker") {
  runChunk(process.argv[3]);
} else {
  const args = parseArgs(process.argv.slice(2));
  const version = JSON.parse(readFileSync(join(PEERS, "readability-js/node_modules/@mozilla/readability/package.json"))).version;
  log(`readability-js: @mozilla/readability ${version}`);
  for (const set of args.sets) runSet(set, args);
}
