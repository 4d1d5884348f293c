/**
 * URLs in text: extraction (Markdown, HTML, reStructuredText, bare) and
 * classification by host into "weights for sure", "weights unless the context
 * says data", "weights only if the context says so", or "not weights".
 */
import { extClass, isModelishName } from "./paths.js";

/** How much the URL alone says. */
export type UrlDecision =
  /** A weight file (by extension) on any host. */
  | "yes"
  /** A weak-format file (.pkl, .bin, .npz…): weights unless the anchor or line says data. */
  | "weak"
  /** A share link, a model repo, an archive: weights only when the context says model/checkpoint/weights. */
  | "context"
  /** An organisation page or a release page: only the anchor text or the line itself can say weights. */
  | "line"
  | "no";

export interface ClassifiedUrl {
  /** The canonical reference (a Hugging Face repo link is reduced to `https://huggingface.co/<org>/<repo>`). */
  ref: string;
  /** Hosting: github-release, huggingface, google-drive, dropbox, onedrive, baidu-pan, s3, gcs, azure-blob, modelscope, zenodo, mega, cdn, file-share. */
  host: string;
  kind: "link" | "hub";
  decision: UrlDecision;
  /** True for a Hugging Face model repository (so `git clone <url>` is a weights download). */
  hfRepo?: boolean;
}

/** One URL found in a line. */
export interface UrlHit {
  url: string;
  start: number;
  end: number;
}

/**
 * Absolute URLs (http, https, s3, gs) and protocol-relative `//host/…` ones
 * right after a Markdown `](` or an `href=` (FastChat writes `(//huggingface.co/…)`).
 * Stops at whitespace, quotes, backticks, angle and square brackets, pipes (table cells).
 */
const URL_RE = /(?:https?:\/\/|s3:\/\/|gs:\/\/|(?<=\]\(|href=["']?)\/\/(?=[a-z0-9-]+\.[a-z]))[^\s<>"'`|\\[\]{}]+/gi;
const TRAILING_RE = /[.,;:!?*_~'"]+$/;

/** Find the URLs in one line, trimmed of trailing punctuation and unbalanced closing parentheses. */
export function findUrls(line: string): UrlHit[] {
  if (!line.includes("//")) return [];
  const out: UrlHit[] = [];
  for (const m of line.matchAll(URL_RE)) {
    let url = m[0];
    // Cut at the first unbalanced `)`: `[model](https://…/x.pth)/[log](…)` ends the URL at `.pth`.
    let depth = 0;
    for (let k = 0; k < url.length; k++) {
      const ch = url[k];
      if (ch === "(") depth++;
      else if (ch === ")" && --depth < 0) {
        url = url.slice(0, k);
        break;
      }
    }
    for (;;) {
      const before = url;
      url = url.replace(TRAILING_RE, "");
      if (url.endsWith(")")) {
        const open = url.split("(").length - 1;
        const close = url.split(")").length - 1;
        if (close > open) url = url.slice(0, -1);
      }
      if (url === before) break;
    }
    if (url.length < 10) continue;
    const start = m.index;
    // A shell brace template right after the URL (`…/BiT-M-{R50x1,R101x1}-{svhn,dtd}.npz`): one URL per expansion.
    const template = url === m[0] ? BRACE_TAIL_RE.exec(line.slice(start + url.length)) : null;
    if (template) {
      const whole = url + template[0].replace(TRAILING_RE, "");
      const expanded = expandBraces(whole, MAX_BRACE_EXPANSIONS);
      if (expanded) {
        for (const u of expanded) out.push({ url: u, start, end: start + whole.length });
        continue;
      }
    }
    out.push({ url: url.startsWith("//") ? `https:${url}` : url.replace(/&amp;/g, "&"), start, end: start + url.length });
  }
  return out;
}

/** `{a,b}` groups and the URL text between and after them, up to the next space or quote. */
const BRACE_TAIL_RE = /^(?:\{[^\s{}<>"'`]*,[^\s{}<>"'`]*\}[^\s<>"'`|\\[\]{}]*)+/;
/** More than this many URLs from one template is not a list of releases: the template is kept as one URL. */
const MAX_BRACE_EXPANSIONS = 1000;

/** Shell brace expansion (comma lists only, no nesting); null when it would give more than `cap` strings. */
export function expandBraces(s: string, cap: number): string[] | null {
  let out = [""];
  for (const part of s.split(/(\{[^{}]*\})/)) {
    const options = part.startsWith("{") && part.endsWith("}") && part.includes(",") ? part.slice(1, -1).split(",") : [part];
    if (out.length * options.length > cap) return null;
    out = out.flatMap((prefix) => options.map((o) => prefix + o));
  }
  return out;
}

/** First path segments of huggingface.co that are not `<org>` (site pages, datasets, Spaces). */
const HF_RESERVED = new Set([
  "datasets", "spaces", "docs", "blog", "papers", "learn", "join", "login", "pricing", "settings", "tasks",
  "models", "organizations", "api", "search", "posts", "chat", "enterprise", "terms-of-service", "privacy",
  "new", "new-dataset", "new-space", "welcome", "support", "huggingface", "transformers", "inference-api",
  "inference-endpoints", "course", "tos", "code-of-conduct", "content-guidelines", "brand", "changelog",
  "notifications", "billing", "hub",
]);
/** Repo sub-pages that do not change what the link points to. */
const HF_REPO_PAGES = new Set(["tree", "discussions", "commits", "commit", "edit", "blame", "raw"]);

function lastSegment(pathname: string): string {
  const segs = pathname.split("/").filter((s) => s.length > 0);
  return segs.length > 0 ? decodeSafe(segs[segs.length - 1]!) : "";
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Decision for a file by its name: weight formats yes/weak, model-ish archives yes, other archives need context. */
function byFileName(name: string, none: UrlDecision): UrlDecision {
  switch (extClass(name)) {
    case "strong":
      return "yes";
    case "weak":
      return "weak";
    case "archive":
      return isModelishName(name) ? "yes" : "context";
    case "other":
      return "no";
    case "none":
      return none;
  }
}

function stripUrl(u: URL, dropQuery = false): string {
  u.hash = "";
  if (dropQuery) u.search = "";
  return u.toString().replace(/\/$/, "");
}

/**
 * Classify one URL. Returns null for URLs that are never weights locations
 * (site pages, images, docs, datasets on the Hub).
 */
export function classifyUrl(raw: string): ClassifiedUrl | null {
  let url = raw;
  let bucketScheme: "s3" | "gs" | null = null;
  if (/^s3:\/\//i.test(url)) bucketScheme = "s3";
  else if (/^gs:\/\//i.test(url)) bucketScheme = "gs";
  if (bucketScheme) url = `https://${url.slice(5)}`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  const host = u.hostname.toLowerCase().replace(/^www\./, "");
  const segs = u.pathname.split("/").filter((s) => s.length > 0).map(decodeSafe);
  const file = lastSegment(u.pathname);

  if (bucketScheme) {
    const ref = `${bucketScheme}://${u.host}${u.pathname}`.replace(/\/$/, "");
    return { ref, host: bucketScheme === "s3" ? "s3" : "gcs", kind: "link", decision: byFileName(file, "line") };
  }

  // Hugging Face Hub.
  if (host === "huggingface.co" || host === "hf.co" || host === "huggingface.com") {
    const [org, repo, page] = segs;
    if (!org || HF_RESERVED.has(org.toLowerCase())) return null;
    if (org === "collections") {
      if (!repo || !page) return null;
      return { ref: `https://huggingface.co/collections/${repo}/${page}`, host: "huggingface", kind: "hub", decision: "context" };
    }
    if (!repo) return { ref: `https://huggingface.co/${org}`, host: "huggingface", kind: "hub", decision: "line" };
    const repoRef = `https://huggingface.co/${org}/${repo}`;
    if (page === "resolve" || page === "blob" || (page === "raw" && segs.length > 4)) {
      if (segs.length < 5) return { ref: repoRef, host: "huggingface", kind: "hub", decision: "context", hfRepo: true };
      // A file without a weight extension in a model repo is a LICENSE, README or config: not weights.
      // `?download=true` and the like do not change the file.
      return { ref: stripUrl(new URL(`https://huggingface.co/${segs.map(encodeURIComponent).join("/")}`), true), host: "huggingface", kind: "link", decision: byFileName(file, "no") };
    }
    if (page === undefined || HF_REPO_PAGES.has(page)) {
      return { ref: repoRef, host: "huggingface", kind: "hub", decision: "context", hfRepo: true };
    }
    return null;
  }

  // GitHub: release assets and release pages; raw files by extension.
  if (host === "github.com") {
    const [o, r, p1, p2] = segs;
    if (!o || !r) return null;
    if (p1 === "releases") {
      if (p2 === "download" && segs.length >= 5) {
        return { ref: stripUrl(u), host: "github-release", kind: "link", decision: byFileName(file, "context") };
      }
      const tag = p2 === "tag" && segs[4] ? `/tag/${segs[4]}` : p2 === "latest" ? "/latest" : "";
      return { ref: `https://github.com/${o}/${r}/releases${tag}`, host: "github-release", kind: "link", decision: "line" };
    }
    if ((p1 === "raw" || p1 === "blob") && segs.length >= 5) {
      const d = byFileName(file, "no");
      return d === "no" || d === "context" ? null : { ref: stripUrl(u), host: "github", kind: "link", decision: d };
    }
    return null;
  }
  if (host === "objects.githubusercontent.com" || host === "github-releases.githubusercontent.com") {
    return { ref: stripUrl(u), host: "github-release", kind: "link", decision: byFileName(file, "context") };
  }
  if (host === "raw.githubusercontent.com" || host === "media.githubusercontent.com") {
    const d = byFileName(file, "no");
    return d === "no" || d === "context" ? null : { ref: stripUrl(u), host: "github", kind: "link", decision: d };
  }

  // File-sharing services: the URL rarely names the file, so the context decides.
  if (host === "drive.google.com" || host === "drive.usercontent.google.com" || (host === "docs.google.com" && (segs[0] === "uc" || segs[0] === "file"))) {
    return { ref: u.toString(), host: "google-drive", kind: "link", decision: byFileName(file, "context") === "yes" ? "yes" : "context" };
  }
  if (host === "dropbox.com" || host === "dl.dropbox.com" || host === "dl.dropboxusercontent.com") {
    return { ref: u.toString(), host: "dropbox", kind: "link", decision: byFileName(file, "context") };
  }
  if (host === "onedrive.live.com" || host === "1drv.ms" || host.endsWith(".sharepoint.com")) {
    // A share page (`…/_layouts/15/guestaccess.aspx?folderid=…`, `redir.aspx`) names no file: the context decides.
    const d = byFileName(file, "context");
    return { ref: u.toString(), host: "onedrive", kind: "link", decision: d === "no" && /\.aspx$/i.test(file) ? "context" : d };
  }
  if (host === "pan.baidu.com" || host === "yun.baidu.com") {
    return { ref: u.toString(), host: "baidu-pan", kind: "link", decision: "context" };
  }
  if (host === "mega.nz" || host === "mega.co.nz") {
    return { ref: u.toString(), host: "mega", kind: "link", decision: "context" };
  }
  if (host === "zenodo.org") {
    return { ref: stripUrl(u), host: "zenodo", kind: "link", decision: byFileName(file, segs[0] === "records" || segs[0] === "record" ? "context" : "no") };
  }
  if ((host === "modelscope.cn" || host === "modelscope.ai") && segs[0] === "models" && segs[1] && segs[2]) {
    return { ref: `https://${host}/models/${segs[1]}/${segs[2]}`, host: "modelscope", kind: "hub", decision: "context" };
  }

  // Object stores.
  let store: string | null = null;
  if (host === "s3.amazonaws.com" || /(^|\.)s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(host) || host.endsWith(".r2.cloudflarestorage.com")) store = "s3";
  else if (host === "storage.googleapis.com" || host === "storage.cloud.google.com" || host.endsWith(".storage.googleapis.com")) store = "gcs";
  else if (host.endsWith(".blob.core.windows.net")) store = "azure-blob";
  if (store) return { ref: stripUrl(u), host: store, kind: "link", decision: byFileName(file, "line") };

  // Any other host: a CDN or a web server serving a weight file, or a generic share link (`?dl=1`).
  const d = byFileName(file, "no");
  if (d !== "no") return { ref: stripUrl(u), host: "cdn", kind: "link", decision: d };
  if (extClass(file) === "none" && (/(?:^|&)(?:dl|download|raw)=1\b/.test(u.search) || /\/(?:download|files?|f|d|s)\/[^/]+/.test(u.pathname))) {
    // Seafile/Nextcloud/ownCloud-style shares (heibox.uni-heidelberg.de/f/<id>/?dl=1).
    if (/(?:^|&)(?:dl|download|raw)=1\b/.test(u.search) || /^\/(?:f|d|s)\/[0-9a-z]{8,}/i.test(u.pathname)) {
      return { ref: u.toString(), host: "file-share", kind: "link", decision: "context" };
    }
  }
  return null;
}
