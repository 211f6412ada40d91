// A small line chart as inline SVG: the report is one self-contained HTML file.

export interface ChartSeries {
  label: string;
  color: string;
  points: { x: number; y: number }[];
}

export interface ChartOptions {
  title: string;
  unit: string;
  xMax: number;
  series: ChartSeries[];
  /** Shaded spans of x, e.g. fault windows. */
  bands: { from: number; to: number; label: string }[];
}

const WIDTH = 760;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 28, bottom: 28 };

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function lineChart(options: ChartOptions): string {
  const values = options.series.flatMap((series) => series.points.map((point) => point.y)).filter((y) => Number.isFinite(y));
  const yMax = Math.max(1, ...values) * 1.1;
  const x = (value: number) => PAD.left + (value / Math.max(1, options.xMax)) * (WIDTH - PAD.left - PAD.right);
  const y = (value: number) => HEIGHT - PAD.bottom - (value / yMax) * (HEIGHT - PAD.top - PAD.bottom);
  const bands = options.bands
    .map((band) => `<rect x="${x(band.from).toFixed(1)}" y="${PAD.top}" width="${(x(band.to) - x(band.from)).toFixed(1)}" height="${HEIGHT - PAD.top - PAD.bottom}" fill="#f6c6c0" opacity="0.55"><title>${escape(band.label)}</title></rect>`)
    .join('');
  const lines = options.series
    .map((series) => {
      const path = series.points
        .filter((point) => Number.isFinite(point.y))
        .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`)
        .join(' ');
      return path ? `<path d="${path}" fill="none" stroke="${series.color}" stroke-width="1.6"/>` : '';
    })
    .join('');
  const ticks = [0, 0.5, 1].map((f) => `<text x="${PAD.left - 6}" y="${y(yMax * f * 0.909).toFixed(1)}" text-anchor="end" font-size="10">${Number((yMax * f * 0.909).toPrecision(2))}</text>`).join('');
  const legend = options.series.map((series, i) => `<text x="${PAD.left + 8 + i * 110}" y="18" font-size="11" fill="${series.color}">■ ${escape(series.label)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(options.title)}">
<text x="${WIDTH - PAD.right}" y="18" text-anchor="end" font-size="12" font-weight="bold">${escape(options.title)} (${escape(options.unit)})</text>${legend}
${bands}<line x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}" stroke="#888"/>
<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${HEIGHT - PAD.bottom}" stroke="#888"/>${ticks}
<text x="${WIDTH - PAD.right}" y="${HEIGHT - 6}" text-anchor="end" font-size="10">${options.xMax} s</text><text x="${PAD.left}" y="${HEIGHT - 6}" font-size="10">0 s</text>
${lines}</svg>`;
}
