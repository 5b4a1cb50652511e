import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core over Stride's own UI on the page (its anchors, shadow roots included, or `include` on a
 * page that is all ours, such as the console); returns the critical and serious violations. The mail
 * page's own markup is not ours to judge.
 */
export async function strideAxeViolations(
  page: Page,
  include = '[data-stride-anchor]',
): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // An extension page's CSP refuses inline script tags; evaluating through the debugger is allowed.
    if (page.url().startsWith('chrome-extension:')) await page.evaluate(axeSource);
    else await page.addScriptTag({ content: axeSource });
  }
  return page.evaluate(async (selector) => {
    const axe = (window as any).axe;
    const result = await axe.run(
      { include: [[selector]] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return result.violations
      .filter((v: any) => v.impact === 'critical' || v.impact === 'serious')
      .map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n: any) => JSON.stringify(n.target)),
      }));
  }, include);
}

/** WCAG 2.2 A/AA and the best practices: what the first-day audit of the console holds every screen to. */
const WCAG22 = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core over a whole extension page (the options page and its console, an open dialog included);
 * returns the critical and serious violations, each named with the screen it was found on.
 */
export async function pageAxeViolations(page: Page, screen: string): Promise<AxeFinding[]> {
  // An extension page's CSP refuses inline script tags; evaluating the source is not subject to it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found: AxeFinding[] = await page.evaluate(async (tags) => {
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations
      .filter((v: any) => v.impact === 'critical' || v.impact === 'serious')
      .map((v: any) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n: any) => JSON.stringify(n.target)),
      }));
  }, WCAG22);
  return found.map((f) => ({ ...f, help: `${screen}: ${f.help}` }));
}
