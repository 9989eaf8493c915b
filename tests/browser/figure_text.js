// Text size inside every picture of a reveal.js deck, against the slide's body text, both in px
// of the 1280 x 720 slide (reveal.js scales the slide as a whole, so the ratio holds at any
// screen size). A figure exported from matplotlib draws text as glyph paths scaled by
// fontsize / 100 ("scale(0.24 -0.24)" is 24 pt) in a viewBox measured in pt, so its smallest
// text on the slide is min(pt) x rendered width / viewBox width. A picture that is not such an
// SVG (a PNG a notebook saved) is reported with minPx null.
async () => {
  const out = [];
  const slides = Reveal.getSlides();
  for (let h = 0; h < slides.length; h++) {
    if (!slides[h].querySelector("img.rc-figure")) continue;
    Reveal.slide(h);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const slide = Reveal.getCurrentSlide();
    const body = slide.querySelector(".jp-RenderedMarkdown");
    for (const img of slide.querySelectorAll("img.rc-figure")) {
      let minPt = null, viewWidth = null;
      if (/\.svg$/.test(img.getAttribute("src"))) {
        const svg = await (await fetch(img.src)).text();
        const sizes = [...svg.matchAll(/scale\(([\d.]+) -\1\)/g)].map((m) => 100 * +m[1]);
        minPt = Math.min(...sizes);
        viewWidth = +svg.match(/viewBox="[\d.-]+ [\d.-]+ ([\d.]+) /)[1];
      }
      out.push({
        h, id: (slide.querySelector("a[id]") || {}).id || "",
        src: img.getAttribute("src").slice(0, 60),
        bodyPx: parseFloat(getComputedStyle(body).fontSize),
        width: img.offsetWidth,
        minPt,
        minPx: minPt === null ? null : minPt * img.offsetWidth / viewWidth,
      });
    }
  }
  Reveal.slide(0);
  return out;
}
