// A small W3C WebDriver client (Node's fetch): just what the desktop end-to-end test and the
// benchmark need to drive the app through tauri-driver + WebKitWebDriver. E2E_TRACE=1 prints
// each command before it is sent.

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(url, id) {
    this.url = url;
    this.id = id;
  }

  static async start(url, application, args = []) {
    const value = await request(url, "POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application, args } } },
    });
    return new Session(url, value.sessionId);
  }

  /**
   * Makes the page paint a 1-pixel change every 50 ms. The app turns WebKitGTK's accelerated
   * compositing off (src-tauri/src/webview.rs), and then WebKitWebDriver's screenshot (and
   * at times a find after a click) waits for the page's next paint; on an idle page that
   * paint never comes and the command never answers (seen in the Probes step; moving the
   * pointer over a button released it). The dot sits outside the app's root, cannot be
   * seen or clicked, and touches none of the app's state.
   */
  keepPainting() {
    return this.exec(`if (!window.__e2ePaint) {
      const dot = document.createElement("div");
      dot.setAttribute("aria-hidden", "true");
      dot.style.cssText = "position:fixed;right:0;bottom:0;width:1px;height:1px;background:#888;pointer-events:none;z-index:2147483647";
      document.documentElement.appendChild(dot);
      let on = false;
      window.__e2ePaint = setInterval(() => { on = !on; dot.style.opacity = on ? "0.02" : "0.01"; }, 50);
    }`);
  }

  cmd(method, path, body) {
    return request(this.url, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new ElementId(v[ELEMENT]);
  }

  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => new ElementId(e[ELEMENT]));
  }

  /** Polls until `css` matches (and, if given, `predicate(text)` holds). */
  async waitFor(css, { timeout = 10_000, text } = {}) {
    const end = Date.now() + timeout;
    let last = "";
    for (;;) {
      try {
        const el = await this.find(css);
        if (!text) return el;
        last = await this.text(el);
        if (text(last)) return el;
      } catch (e) {
        last = String(e.message ?? e);
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${css} (last: ${last.slice(0, 200)})`);
      await sleep(100);
    }
  }

  click(el) {
    return this.cmd("POST", `/element/${el}/click`, {});
  }

  /** Moves the mouse onto the element's centre (W3C actions), as a user pointing at it. */
  hover(el) {
    const move = { type: "pointerMove", duration: 0, origin: wrap(el), x: 0, y: 0 };
    return this.cmd("POST", "/actions", {
      actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [move] }],
    });
  }

  /** Presses one key on whatever has focus (W3C actions), as a keyboard would. */
  press(key) {
    const keys = [{ type: "keyDown", value: key }, { type: "keyUp", value: key }];
    return this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions: keys }] });
  }

  type(el, text) {
    return this.cmd("POST", `/element/${el}/value`, { text });
  }

  text(el) {
    return this.cmd("GET", `/element/${el}/text`);
  }

  attr(el, name) {
    return this.cmd("GET", `/element/${el}/attribute/${name}`);
  }

  /** Runs `script` in the page; elements from find() pass as element references. */
  exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args: args.map(wrap) });
  }

  execAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args: args.map(wrap) });
  }

  screenshot() {
    return this.cmd("GET", "/screenshot");
  }

  end() {
    return request(this.url, "DELETE", `/session/${this.id}`);
  }
}

/** Element ids (from find) travel as W3C element references; anything else as is. */
const wrap = (a) => (a instanceof ElementId ? { [ELEMENT]: a.id } : a);

class ElementId {
  constructor(id) {
    this.id = id;
  }
  toString() {
    return this.id;
  }
}

async function request(url, method, path, body) {
  if (process.env.E2E_TRACE) console.error(`  > ${method} ${path} ${JSON.stringify(body ?? "").slice(0, 160)}`);
  const res = await fetch(url + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || json?.value?.error) {
    const v = json?.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ""}`.trim());
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sets an <input>'s value the way a user's typing would, so Svelte's bindings see it. */
export function setValueScript() {
  return `const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));`;
}
