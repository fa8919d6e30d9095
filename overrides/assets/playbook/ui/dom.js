/**
 * Small DOM helpers shared by the tools. Text always goes in as text nodes
 * or properties, never as HTML, so nothing a user types or imports can run.
 */

let counter = 0;

/**
 * A page-unique id.
 * @param {string} prefix
 * @returns {string}
 */
export function uid(prefix) {
  counter += 1;
  return `pb-${prefix}-${counter}`;
}

/**
 * Create an element.
 * @param {string} tag
 * @param {object} [props]  `class`, `text` (textContent), `attrs` (attributes), `on` (listeners),
 *   `dataset`, `style` (an object of style properties), and any element property (id, type, value, hidden, htmlFor, …).
 * @param {(Node | string | null | false | undefined)[]} [children]  strings become text nodes.
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, children = []) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "attrs") for (const [name, v] of Object.entries(value)) setAttr(el, name, v);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key === "style") Object.assign(el.style, value);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

function setAttr(el, name, value) {
  if (value === false || value === null || value === undefined) el.removeAttribute(name);
  else el.setAttribute(name, value === true ? "" : String(value));
}

/**
 * Append children; strings become text nodes, empty values are skipped.
 * @param {Node} el
 * @param {(Node | string | null | false | undefined)[]} children
 */
export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/**
 * Replace an element's children.
 * @param {Element} el
 * @param {(Node | string | null | false | undefined)[]} children
 */
export function replace(el, children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * A button that does something on the page (never submits a form).
 * @param {string} text
 * @param {(event: Event) => void} onClick
 * @param {object} [props]
 */
export function button(text, onClick, props = {}) {
  return h("button", { type: "button", class: "pb-button", text, on: { click: onClick }, ...props });
}

/**
 * One polite live region for a tool: results and summaries are read out
 * once, and the same message twice is read twice.
 * @returns {{el: HTMLElement, announce: (text: string) => void}}
 */
export function liveRegion() {
  const el = h("div", { class: "pb-sr", attrs: { role: "status", "aria-live": "polite", "aria-atomic": "true" } });
  let timer = 0;
  return {
    el,
    announce(text) {
      clearTimeout(timer);
      el.textContent = "";
      timer = setTimeout(() => {
        el.textContent = text;
      }, 60);
    },
  };
}

/**
 * A labelled form control with its hint and its error message, linked by
 * aria-describedby; setError() marks the control invalid.
 * @param {{label: string | Node, control: HTMLElement, hint?: string | null, labelClass?: string}} options
 */
export function field({ label, control, hint = null, labelClass = "pb-label" }) {
  control.id = control.id || uid("field");
  const hintEl = hint ? h("p", { class: "pb-hint", id: uid("hint"), text: hint }) : null;
  const errorEl = h("p", { class: "pb-error", id: uid("error") });
  control.setAttribute("aria-describedby", [hintEl && hintEl.id, errorEl.id].filter(Boolean).join(" "));
  const labelEl = h("label", { class: labelClass, htmlFor: control.id }, [label]);
  const wrap = h("div", { class: "pb-field" }, [labelEl, control, hintEl, errorEl]);
  return {
    wrap,
    control,
    label: labelEl,
    error: errorEl,
    /** @param {string} message  "" clears the error. */
    setError(message) {
      errorEl.textContent = message;
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    },
  };
}

/**
 * A function that runs `fn` once calls have paused for `ms`; flush() runs a
 * pending call now, cancel() drops it.
 * @param {(...args: any[]) => void} fn
 * @param {number} ms
 * @param {{idle?: boolean}} [options]  idle: then wait for the browser to be idle (at most `ms` more).
 */
export function debounce(fn, ms, { idle = false } = {}) {
  let timer = 0;
  let idleHandle = 0;
  let pending = null;
  const run = () => {
    const args = pending;
    pending = null;
    timer = 0;
    idleHandle = 0;
    if (args) fn(...args);
  };
  // With idle, the call waits for a moment when the browser has nothing else to do (a tap is never kept waiting).
  const later = idle && typeof window !== "undefined" && typeof window.requestIdleCallback === "function"
    ? () => { idleHandle = window.requestIdleCallback(run, { timeout: ms }); }
    : run;
  const stop = () => {
    clearTimeout(timer);
    if (idleHandle) window.cancelIdleCallback(idleHandle);
    idleHandle = 0;
  };
  const debounced = (...args) => {
    pending = args;
    stop();
    timer = setTimeout(later, ms);
  };
  debounced.flush = () => {
    stop();
    run();
  };
  debounced.cancel = () => {
    stop();
    pending = null;
  };
  return debounced;
}

/**
 * Offer text as a file to save, without any network request.
 * @param {string} name
 * @param {string} text
 * @param {string} type  MIME type
 */
export function downloadFile(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Put text on the clipboard: the Clipboard API where the page may use it,
 * else a selected hidden text area and the copy command.
 * @param {string} text
 * @returns {Promise<boolean>} whether the text was copied.
 */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused or no focus: fall through to the older way.
  }
  const active = document.activeElement;
  const area = h("textarea", { value: text, readOnly: true, class: "pb-offscreen", attrs: { "aria-hidden": "true", tabindex: "-1" } });
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  area.remove();
  if (active instanceof HTMLElement) active.focus();
  return copied;
}

/**
 * Ask before doing something that cannot be undone: the button opens a
 * question with a confirm and a cancel button, focus goes to cancel.
 * @param {{label: string, question: string, confirm: string, cancel: string, onConfirm: () => void}} options
 * @returns {HTMLElement}
 */
export function confirmButton({ label, question, confirm, cancel, onConfirm }) {
  const questionId = uid("confirm");
  const opener = button(label, () => {
    opener.hidden = true;
    panel.hidden = false;
    cancelButton.focus();
  });
  const close = () => {
    panel.hidden = true;
    opener.hidden = false;
    opener.focus();
  };
  const cancelButton = button(cancel, close);
  const panel = h("div", { class: "pb-confirm", hidden: true, attrs: { role: "group", "aria-labelledby": questionId } }, [
    h("p", { id: questionId, text: question }),
    button(confirm, () => {
      close();
      onConfirm();
    }, { class: "pb-button pb-button--danger" }),
    cancelButton,
  ]);
  return h("div", { class: "pb-confirm-wrap" }, [opener, panel]);
}

/**
 * Read a file the user picked, as text, in the browser.
 * @param {File} file
 * @returns {Promise<string>}
 */
export function readFileText(file) {
  return typeof file.text === "function"
    ? file.text()
    : new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(file);
      });
}

/**
 * The browser's localStorage, or null when the browser refuses it
 * (private modes and blocked cookies throw on access).
 * @returns {Storage | null}
 */
export function browserStorage() {
  try {
    const storage = window.localStorage;
    return storage || null;
  } catch {
    return null;
  }
}
