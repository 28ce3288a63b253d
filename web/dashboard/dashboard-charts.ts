import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { byId } from '../shared/dom.js';

// Only the pieces these charts use, so the bundle stays small (chart.js is tree-shakable this way).
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export const COLORS = {
  ai: '#5b4cf0',
  person: '#0f8a5f',
  warn: '#b54708',
  muted: '#98a2b3',
  danger: '#d92d20',
};

/** The page's charts by canvas id; drawing again replaces the old chart. */
export class ChartBoard {
  private readonly charts = new Map<string, Chart>();

  draw(canvasId: string, configuration: ChartConfiguration): void {
    this.charts.get(canvasId)?.destroy();
    const canvas = byId(canvasId, HTMLCanvasElement);
    const chart = new Chart(canvas, {
      ...configuration,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Figures, not motion: a reload must not replay animations (and screenshots stay exact).
        animation: false,
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
        ...configuration.options,
      },
    });
    this.charts.set(canvasId, chart);
  }

  clear(): void {
    for (const chart of this.charts.values()) chart.destroy();
    this.charts.clear();
  }
}
