// Run in the page by HeadlessChromium.Page.check: opens every <details> so that everything is laid out, then
// returns {width, problems}. An element may extend past the viewport only inside a box that scrolls (or clips).
(() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  window.scrollTo(0, 0);
  const width = window.innerWidth;
  const problems = [];
  const describe = el => {
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
    const text = (el.getAttribute('alt') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return text ? `${name} "${text}"` : name;
  };
  const scrollWidth = document.scrollingElement.scrollWidth;
  if (scrollWidth > width) {
    problems.push(`the page scrolls sideways: ${scrollWidth} px wide in a ${width} px viewport`);
  }
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) {
      problems.push(`image did not load: ${describe(img)}`);
    }
  }
  const insideScrollBox = el => {
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) {
        return true;
      }
    }
    return false;
  };
  let sticking = 0;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.width > 0 || r.height > 0) && (r.right > width + 0.5 || r.left < -0.5) && !insideScrollBox(el)) {
      if (++sticking <= 10) {
        problems.push(`sticks out of the ${width} px viewport (${Math.round(r.left)} to ${Math.round(r.right)} px): `
            + describe(el));
      }
    }
  }
  if (sticking > 10) {
    problems.push(`and ${sticking - 10} more elements stick out`);
  }
  return { width, images: document.images.length, problems };
})()
