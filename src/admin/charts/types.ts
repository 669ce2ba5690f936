/** Props shared by the chart components and the code that prepares their data. */

export interface FunnelBarStep {
  label: string;
  count: number;
  /** Share of the previous step lost here, 0–1; absent for the first step. */
  dropOff?: number;
}

export interface ChartSeries {
  key: string;
  label: string;
  values: number[];
  /** A CSS colour, e.g. `var(--admin-visits)`. */
  color: string;
  /** Fill the area under this line (one series at most, or the fills hide each other). */
  filled?: boolean;
}
