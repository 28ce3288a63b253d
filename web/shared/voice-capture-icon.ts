const SVG = 'http://www.w3.org/2000/svg';
/** A microphone, drawn as a path: no icon font or emoji, so it looks the same on every system. */
const MICROPHONE_PATH =
  'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5.3-3a5.3 5.3 0 0 1-10.6 0H5c0 3.41 2.72 6.23 6 6.72V21h2v-3.28c3.28-.48 6-3.3 6-6.72h-1.7z';

/** The microphone button's icon, coloured by the button's text colour. */
export function microphoneIcon(): SVGSVGElement {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('class', 'mic-icon');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', MICROPHONE_PATH);
  icon.append(path);
  return icon;
}
