/**
 * Entry of the browser tools, loaded on every page. Finds each tool's mount
 * point (`<div class="pb-tool" data-pb-tool="NAME" data-pb-config="ID">`),
 * reads its data from the JSON script tag with that id, loads the tool's
 * module and mounts it, once per element.
 *
 * Material's instant navigation swaps the page content without a reload and
 * announces each new page on `document$`; tools of the old page are cleaned
 * up (their window listeners removed) and the new page's tools mounted.
 */

const TOOLS = {
  calculator: () => import("./tools/calculator.js"),
  checker: () => import("./tools/checker.js"),
  composer: () => import("./tools/composer.js"),
  worksheet: () => import("./tools/worksheet.js"),
};

/** Mounted elements and the cleanup each tool returned. */
const mounted = new Map();

function showError(el, text) {
  const message = document.createElement("p");
  message.className = "pb-error pb-tool-error";
  message.setAttribute("role", "alert");
  message.textContent = text;
  el.replaceChildren(message);
}

function readConfig(el) {
  const id = el.getAttribute("data-pb-config");
  let script = id ? document.getElementById(id) : null;
  // When Material swaps the page content (instant navigation, or the first jump to
  // an #anchor), it re-creates each inline script in place without its attributes:
  // the data script, right after the mount point, loses its id and type.
  const next = el.nextElementSibling;
  if (!script && next && next.tagName === "SCRIPT" && !next.src) script = next;
  if (!script) throw new Error(`no data for the tool (script #${id} is missing)`);
  return JSON.parse(script.textContent);
}

async function mountOne(el) {
  const name = el.getAttribute("data-pb-tool");
  // Marked before the module loads, so a second scan meanwhile skips it.
  el.setAttribute("data-pb-mounted", "loading");
  let data;
  try {
    data = readConfig(el);
  } catch (error) {
    el.setAttribute("data-pb-mounted", "error");
    showError(el, `⚠ ${name}: ${error.message}`);
    return;
  }
  try {
    if (!Object.prototype.hasOwnProperty.call(TOOLS, name)) throw new Error(`unknown tool "${name}"`);
    const tool = await TOOLS[name]();
    const cleanup = tool.mount(el, data);
    mounted.set(el, typeof cleanup === "function" ? cleanup : () => {});
    el.setAttribute("data-pb-mounted", name);
  } catch (error) {
    el.setAttribute("data-pb-mounted", "error");
    const strings = data && data.strings ? data.strings : {};
    showError(el, `⚠ ${strings.tool_failed || name}: ${error.message}`);
    console.error(error);
  }
}

function scan() {
  for (const [el, cleanup] of mounted) {
    if (!el.isConnected) {
      mounted.delete(el);
      try {
        cleanup();
      } catch (error) {
        console.error(error);
      }
    }
  }
  for (const el of document.querySelectorAll("[data-pb-tool]:not([data-pb-mounted])")) mountOne(el);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(scan);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", scan, { once: true });
} else {
  scan();
}
