// Evaluated in the page by the browser tests (as the source of one function, so it needs no DOM
// types in the TypeScript build): every piece of visible text as boxes, one per line fragment,
// clipped by the scrolling and overflow-hidden boxes around it; then the pairs of different texts
// whose boxes overlap by more than a pixel, i.e. what a reader would see as text drawn over text.
() => {
  const intersect = (a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const size = (box) => ({ width: box.right - box.left, height: box.bottom - box.top });
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent.trim();
    if (!parent || text === '' || parent.closest('script, style, datalist, select, [hidden]')) continue;
    if (getComputedStyle(parent).visibility === 'hidden') continue;
    let clip = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    for (let at = parent; at; at = at.parentElement) {
      const style = getComputedStyle(at);
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') clip = intersect(clip, at.getBoundingClientRect());
    }
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      const box = intersect(rect, clip);
      const { width, height } = size(box);
      if (width > 1 && height > 1) texts.push({ text: text.slice(0, 60), node, box });
    }
  }
  const overlaps = [];
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      if (texts[i].node === texts[j].node) continue;
      const { width, height } = size(intersect(texts[i].box, texts[j].box));
      if (width > 1 && height > 1) overlaps.push(`"${texts[i].text}" over "${texts[j].text}"`);
    }
  }
  return { texts: texts.length, overlaps };
}
