/**
 * The report page's only script: reads the embedded JSON and draws the charts as SVG. It builds nodes
 * with createElementNS and textContent, never innerHTML, so no report text is ever parsed as markup.
 */
export const HTML_REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var report = JSON.parse(document.getElementById('report-data').textContent);

  function node(name, attributes, parent) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, String(attributes[key])); });
    if (parent) parent.appendChild(element);
    return element;
  }
  function text(parent, x, y, content, attributes) {
    var element = node('text', Object.assign({ x: x, y: y, 'font-size': 12, fill: '#333' }, attributes || {}), parent);
    element.textContent = content;
    return element;
  }
  function percent(value) { return (value * 100).toFixed(0) + '%'; }

  var COLORS = { right: '#2e7d32', wrong: '#c62828', outOfScope: '#ef6c00', top1: '#1565c0', recall: '#6a1b9a' };

  function frame(width, height, margin) {
    var svg = node('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img' });
    var plot = { left: margin.left, top: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
    for (var tick = 0; tick <= 4; tick++) {
      var y = plot.top + plot.height - (tick / 4) * plot.height;
      node('line', { x1: plot.left, x2: plot.left + plot.width, y1: y, y2: y, stroke: '#ddd' }, svg);
      text(svg, plot.left - 6, y + 4, percent(tick / 4), { 'text-anchor': 'end' });
    }
    return { svg: svg, plot: plot };
  }

  function legend(svg, x, y, items) {
    items.forEach(function (item, index) {
      node('rect', { x: x, y: y + index * 18 - 9, width: 12, height: 12, fill: item.color }, svg);
      text(svg, x + 18, y + index * 18 + 2, item.label);
    });
  }

  function drawCurve(container) {
    var points = report.curve;
    if (!points || points.length === 0) { container.textContent = 'No curve: no cases.'; return; }
    var chart = frame(640, 320, { left: 48, right: 200, top: 16, bottom: 40 });
    var plot = chart.plot;
    function xOf(threshold) { return plot.left + threshold * plot.width; }
    function yOf(value) { return plot.top + plot.height - value * plot.height; }
    for (var tick = 0; tick <= 10; tick += 2) {
      text(chart.svg, xOf(tick / 10), plot.top + plot.height + 16, (tick / 10).toFixed(1), { 'text-anchor': 'middle' });
    }
    text(chart.svg, plot.left + plot.width / 2, plot.top + plot.height + 34, 'answer threshold (minimum confidence)', { 'text-anchor': 'middle' });
    var series = [
      { key: 'answeredCorrectly', color: COLORS.right, label: 'in scope, answered right' },
      { key: 'answeredWrongly', color: COLORS.wrong, label: 'in scope, answered wrong' },
      { key: 'outOfScopeAnsweredRate', color: COLORS.outOfScope, label: 'out of scope, answered' }
    ];
    series.forEach(function (line) {
      var path = points.filter(function (point) { return point[line.key] !== null; })
        .map(function (point, index) { return (index === 0 ? 'M' : 'L') + xOf(point.answerMinConfidence).toFixed(1) + ' ' + yOf(point[line.key]).toFixed(1); })
        .join(' ');
      if (path) node('path', { d: path, fill: 'none', stroke: line.color, 'stroke-width': 2 }, chart.svg);
    });
    var used = report.thresholds.answerMinConfidence;
    node('line', { x1: xOf(used), x2: xOf(used), y1: plot.top, y2: plot.top + plot.height, stroke: '#555', 'stroke-dasharray': '4 3' }, chart.svg);
    text(chart.svg, xOf(used) + 4, plot.top + 12, 'used: ' + used);
    legend(chart.svg, plot.left + plot.width + 16, plot.top + 10, series);
    container.appendChild(chart.svg);
  }

  function drawLocales(container) {
    var locales = Object.keys(report.byLocale);
    var measures = [
      { label: 'top-1 accuracy', color: COLORS.top1, value: function (scope) { return scope.inScope.top1Accuracy; } },
      { label: 'answered right', color: COLORS.right, value: function (scope) { return scope.inScope.answeredCorrectly; } },
      { label: 'answered wrong', color: COLORS.wrong, value: function (scope) { return scope.inScope.answeredWrongly; } },
      { label: 'out of scope: not answered', color: COLORS.recall, value: function (scope) { return scope.outOfScope.recall; } }
    ];
    var groupWidth = measures.length * 22 + 28;
    var chart = frame(Math.max(360, 48 + locales.length * groupWidth + 220), 280, { left: 48, right: 220, top: 16, bottom: 40 });
    var plot = chart.plot;
    locales.forEach(function (locale, localeIndex) {
      var scope = report.byLocale[locale];
      var left = plot.left + 14 + localeIndex * groupWidth;
      measures.forEach(function (measure, index) {
        var value = measure.value(scope);
        var x = left + index * 22;
        if (value === null) { text(chart.svg, x + 9, plot.top + plot.height - 4, '–', { 'text-anchor': 'middle' }); return; }
        var height = value * plot.height;
        var bar = node('rect', { x: x, y: plot.top + plot.height - height, width: 18, height: Math.max(height, 0.5), fill: measure.color }, chart.svg);
        node('title', {}, bar).textContent = locale + ', ' + measure.label + ': ' + (value * 100).toFixed(1) + '%';
      });
      text(chart.svg, left + (measures.length * 22) / 2, plot.top + plot.height + 16, locale + ' (' + scope.cases + ')', { 'text-anchor': 'middle' });
    });
    legend(chart.svg, plot.left + plot.width + 16, plot.top + 10, measures);
    container.appendChild(chart.svg);
  }

  drawCurve(document.getElementById('curve-chart'));
  drawLocales(document.getElementById('locale-chart'));
})();
`;
