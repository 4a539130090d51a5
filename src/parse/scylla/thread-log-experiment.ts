// The `EXPERIMENT COMPLETE` summary a child prints on success: cost, best tier and per-tier verdicts of that
// attempt, which survive in the log even when a later session overwrote the batch summary.

import { exactArray } from '../../util/exact-array.js';
import { intern } from '../../util/intern.js';

export interface ExperimentComplete {
  line: number;
  durationSeconds: number | null;
  totalCost: number | null;
  bestTier: string | null;
  bestSubtest: string | null;
  frontierCop: number | null;
  noPassingResults: boolean;
  tiers: { tier: string; passed: boolean; score: number | null; cost: number | null }[];
}

const MAX_LINES = 80;
const TIER_LINE = /^\s+(\S+): (PASS|FAIL) \(score: (-?[0-9.]+|nan|inf), cost: \$(-?[0-9.]+)\)$/;
const SEP60 = '='.repeat(60);

export class ExperimentReader {
  private current: ExperimentComplete | null = null;
  private last: ExperimentComplete | null = null;
  private remaining = 0;
  private sawTiers = false;

  feed(line: string, lineNo: number): void {
    if (this.current) {
      this.remaining--;
      if (this.remaining <= 0 || (this.sawTiers && line === SEP60)) this.close();
      else this.read(line);
      return;
    }
    if (line === 'EXPERIMENT COMPLETE') {
      this.current = {
        line: lineNo,
        durationSeconds: null,
        totalCost: null,
        bestTier: null,
        bestSubtest: null,
        frontierCop: null,
        noPassingResults: false,
        tiers: [],
      };
      this.remaining = MAX_LINES;
      this.sawTiers = false;
    }
  }

  get active(): boolean {
    return this.current !== null;
  }

  result(): ExperimentComplete | null {
    if (this.current) this.close();
    return this.last;
  }

  private close(): void {
    if (this.current) this.current.tiers = exactArray(this.current.tiers);
    this.last = this.current;
    this.current = null;
  }

  private read(line: string): void {
    const e = this.current!;
    if (line.startsWith('Duration: ')) e.durationSeconds = number(line.slice(10).replace(/s$/, ''));
    else if (line.startsWith('Total Cost: $')) e.totalCost = number(line.slice(13));
    else if (line.startsWith('Best Tier: ')) e.bestTier = intern(line.slice(11).trim() || null);
    else if (line.startsWith('Best Sub-test: ')) e.bestSubtest = intern(line.slice(15).trim() || null);
    else if (line.startsWith('Frontier CoP: $')) e.frontierCop = number(line.slice(15));
    else if (line.startsWith('No passing results found')) e.noPassingResults = true;
    else if (line === 'Tier Results:') this.sawTiers = true;
    else if (this.sawTiers) {
      const m = TIER_LINE.exec(line);
      if (m) e.tiers.push({ tier: intern(m[1]!), passed: m[2] === 'PASS', score: number(m[3]!), cost: number(m[4]!) });
    }
  }
}

function number(text: string): number | null {
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : null;
}
