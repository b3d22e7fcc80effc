// What the accessibility test checks on a page: contrast, labels, named regions, width.
() => {
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const parse = (text) => (text.match(/[\d.]+/g) || [0, 0, 0, 0]).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ground = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const problems = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const a = luminance(parse(style.color)), b = luminance(ground(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    if (ratio < need) problems.push(`${el.tagName} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  const unlabelled = [...document.querySelectorAll("input:not([type=hidden]), select, textarea, button")]
    .filter((el) => el.tagName === "BUTTON"
      ? !el.textContent.trim() && !el.getAttribute("aria-label")
      : el.labels.length === 0 && !el.getAttribute("aria-label"))
    .map((el) => el.outerHTML.slice(0, 80));
  const unnamed = [...document.querySelectorAll("section")]
    .filter((s) => !s.getAttribute("aria-labelledby") || !document.getElementById(s.getAttribute("aria-labelledby")))
    .map((s) => s.id);
  return {
    contrast: problems,
    unlabelled,
    unnamed,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
  };
}
