// The axe-core accessibility audit the page tests share: no violation of
// serious or critical impact on the page as it is now.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertEqual } from './harness.mjs';
import { root } from './app.mjs';

const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Fails the test when axe finds a serious or critical violation on `page`; `what` names the page's state. */
export async function auditAccessibility(page, what) {
  // page.evaluate runs outside the page's CSP, so axe needs no nonce and the
  // page keeps its strict policy for everything else.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }));
  });
  const bad = violations.filter(v => v.impact == 'serious' || v.impact == 'critical');
  assertEqual(bad, [], `axe serious/critical violations (${what})`);
}
