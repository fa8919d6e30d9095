/**
 * Entry of the browser tools, loaded on every page. Finds each tool's mount
 * point (`<div class="pb-tool" data-pb-tool="NAME" data-pb-config="ID">`),
 * reads its data from the JSON in the `<template id="ID">` inside it, loads
 * the tool's module and mounts it, once per element.
 *
 * Material's instant navigation swaps the page content without a reload and
 * announces each new page on `document$`; tools of the old page are cleaned
 * up (their window listeners removed) and the new page's tools mounted.
 */

const TOOLS = {
  calculator: () => import("./tools/calculator.js"),
  checker: () => import("./tools/checker.js"),
  composer: () => import("./tools/composer.js"),
  filter: () => import("./tools/filter.js"),
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

// The data is JSON inside an inert <template>, not a <script type="application/json">:
// when Material swaps the page content it re-creates every inline script with its
// text alone, which would turn the data into a script that runs and fails.
function readConfig(el) {
  const id = el.getAttribute("data-pb-config");
  const holder = id ? document.getElementById(id) : null;
  if (!holder) throw new Error(`no data for the tool (#${id} is missing)`);
  return JSON.parse(holder.content ? holder.content.textContent : holder.textContent);
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
