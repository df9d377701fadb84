import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Replaces the open file's text in the workspace editor the way a paste does, and waits until the editor shows it. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  // The longest line is the telling one: a short line such as `}` is found in any program.
  const telling = text.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '');
  await expect.poll(() => content.innerText()).toContain(telling);
}
