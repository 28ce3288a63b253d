const SVG = 'http://www.w3.org/2000/svg';
/** A paper clip, drawn as a path: no markup strings, no icon font, the same on every page. */
const CLIP_PATH =
  'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z';

/** The attach button's icon, coloured by the button's text colour. */
export function clipIcon(): SVGSVGElement {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', CLIP_PATH);
  icon.append(path);
  return icon;
}
