// Evaluated in the page by the browser tests (Playwright sends the function's source; plain JS, so
// the TypeScript build needs no DOM types). Walks every visible text once and reports:
// - overlaps: pairs of different texts whose boxes (one per line fragment, clipped by the scrolling
//   and overflow-hidden boxes around them, and by opaque sticky headers their content scrolls under)
//   overlap by more than a pixel, i.e. text drawn over text;
// - lowContrast: texts below WCAG AA against the background behind them (4.5:1; 3:1 for large text;
//   disabled controls exempt, as WCAG says).
export function visibleTextInPage() {
  const intersect = (a, b) => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  });
  const size = (box) => ({ width: box.right - box.left, height: box.bottom - box.top });
  const visible = (box) => size(box).width > 1 && size(box).height > 1;
  const rgb = (color) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const backgroundOf = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(at).backgroundColor);
      if (a > 0.5) return [r, g, b];
    }
    return [255, 255, 255];
  };

  /** Opaque sticky headers: what scrolls under them is hidden, not overlapped. */
  const stickies = [...document.querySelectorAll('*')].filter((element) => {
    const style = getComputedStyle(element);
    return style.position === 'sticky' && (rgb(style.backgroundColor)[3] ?? 1) > 0.5;
  });
  const texts = [];
  const lowContrast = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!parent || text === '' || parent.closest('script, style, datalist, select, [hidden]')) continue;
    const style = getComputedStyle(parent);
    if (style.visibility === 'hidden') continue;
    let clip = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    for (let at = parent; at; at = at.parentElement) {
      const around = getComputedStyle(at);
      if (around.overflowX !== 'visible' || around.overflowY !== 'visible')
        clip = intersect(clip, at.getBoundingClientRect());
    }
    for (const sticky of stickies) {
      if (sticky.contains(parent) || !sticky.parentElement.contains(parent)) continue;
      clip = { ...clip, top: Math.max(clip.top, sticky.getBoundingClientRect().bottom) };
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].map((rect) => intersect(rect, clip)).filter(visible);
    if (boxes.length === 0) continue;
    for (const box of boxes) texts.push({ text: text.slice(0, 60), node, box });
    if (parent.closest(':disabled')) continue;
    const background = backgroundOf(parent);
    const [fg, bg] = [luminance(rgb(style.color)), luminance(background)];
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const px = parseFloat(style.fontSize);
    const large = px >= 24 || (px >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5))
      lowContrast.push(`"${text.slice(0, 40)}" ${style.color} on rgb(${background.join(', ')}): ${ratio.toFixed(2)}:1`);
  }

  const overlaps = [];
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      if (texts[i].node !== texts[j].node && visible(intersect(texts[i].box, texts[j].box)))
        overlaps.push(`"${texts[i].text}" over "${texts[j].text}"`);
    }
  }
  return { texts: texts.length, overlaps, lowContrast };
}
