import { type Api, startStride } from './stride-server';

export const CONSOLE_REP = { email: 'console-rep@example.test', password: 'console-e2e-password-1' };

/** The shared e2e server (API and scheduler, fast polling) with the console's own rep. */
export const startConsoleServer = () => startStride(CONSOLE_REP);

export type SeedApi = Api;

/** A contacts file of `rows` data rows; `special` replaces the rows at the given data row numbers. */
export function contactsCsv(rows: number, special: Record<number, string>): string {
  const lines = ['Email,First Name,Last Name,Company,Stage,Email Status'];
  for (let i = 1; i <= rows; i++) {
    lines.push(special[i] ?? `lead${i}@bulk.test,Lead,Number ${i},Bulk Co,Prospect,verified`);
  }
  return `${lines.join('\n')}\n`;
}
