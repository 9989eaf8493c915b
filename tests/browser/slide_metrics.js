// Every slide of a reveal.js deck, measured through the Reveal API: for each horizontal slide,
// the elements whose box leaves the visible slide, the words shown (presenter notes excluded),
// whether it has presenter notes, and images that did not load.
async () => {
  const out = [];
  const total = Reveal.getTotalSlides();
  for (let h = 0; h < total; h++) {
    Reveal.slide(h);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const slide = Reveal.getCurrentSlide();
    const frame = document.querySelector(".reveal .slides").getBoundingClientRect();
    const view = {left: Math.max(frame.left, 0), top: Math.max(frame.top, 0),
                  right: Math.min(frame.left + frame.width, innerWidth),
                  bottom: Math.min(frame.top + frame.height, innerHeight)};
    const outside = [];
    for (const el of slide.querySelectorAll("*")) {
      if (el.closest("aside.notes")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const tol = 1;
      if (r.left < view.left - tol || r.top < view.top - tol || r.right > view.right + tol
          || r.bottom > view.bottom + tol) {
        outside.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}: `
          + `${(el.innerText || el.getAttribute("alt") || "").slice(0, 40)} `
          + `[${Math.round(r.top)}..${Math.round(r.bottom)} of ${Math.round(view.top)}..${Math.round(view.bottom)}]`);
      }
    }
    const clone = slide.cloneNode(true);
    clone.querySelectorAll("aside.notes").forEach((n) => n.remove());
    const text = clone.textContent.replace(/\s+/g, " ").trim();
    const notes = slide.querySelector("aside.notes");
    const images = [...slide.querySelectorAll("img")];
    out.push({
      h, id: (slide.querySelector("a[id]") || {}).id || "",
      heading: (slide.querySelector("h1, h2") || {}).innerText || "",
      words: text ? text.split(" ").length : 0,
      notes: notes ? notes.textContent.trim().length : 0,
      outside,
      broken: images.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src.slice(0, 60)),
      bottom: Math.round(Math.max(0, ...[...slide.querySelectorAll("*")]
        .filter((e) => !e.closest("aside.notes"))
        .map((e) => e.getBoundingClientRect().bottom)) - view.top),
    });
  }
  Reveal.slide(0);
  return out;
}
