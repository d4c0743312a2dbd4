// Evaluated in the page by the browser tests: every visible text whose colour against the
// background behind it is below WCAG AA (4.5:1; 3:1 for large text). Disabled controls and
// placeholders are exempt, as WCAG says.
() => {
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const parse = (color) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const [r, g, b, a = 1] = parse(getComputedStyle(at).backgroundColor);
      if (a > 0.5) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!parent || text === '' || parent.closest('script, style, datalist, [hidden], :disabled')) continue;
    const style = getComputedStyle(parent);
    if (style.visibility === 'hidden' || parent.getClientRects().length === 0) continue;
    const [fg, bg] = [luminance(parse(style.color)), luminance(background(parent))];
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(`"${text.slice(0, 40)}" ${style.color} on rgb(${background(parent).join(', ')}): ${ratio.toFixed(2)}:1`);
  }
  return failures;
}
