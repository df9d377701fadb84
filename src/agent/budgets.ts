import type { Usage } from './model-client.ts';

/** Hard limits of one run; an absent field is no limit. Reaching any stops the run cleanly (stop 'budget'). */
export interface Budgets {
  /** Input + output tokens (cache reads and writes count as input). */
  maxTokens?: number;
  maxCostUsd?: number;
  /** Wall time of the run, summed over resumes (time paused or between resumes does not count). */
  maxWallMs?: number;
  maxToolCalls?: number;
  maxTurns?: number;
}

export type BudgetKind = 'tokens' | 'cost' | 'time' | 'tool-calls' | 'turns';

/** USD per million tokens. Editable by the user; a model missing from the table has no cost (and says so). */
export interface Price {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface UsageTotals extends Usage {
  /** undefined when the model has no price. */
  costUsd?: number;
  wallMs: number;
  toolCalls: number;
  turns: number;
}

export function emptyTotals(price: Price | undefined): UsageTotals {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    ...(price ? { costUsd: 0 } : {}),
    wallMs: 0,
    toolCalls: 0,
    turns: 0,
  };
}

/** USD for one turn's tokens: `inputTokens` are the uncached ones, so each of the four counts is priced once. */
export function costOf(usage: Usage, price: Price): number {
  return (
    (usage.inputTokens * price.input +
      usage.outputTokens * price.output +
      usage.cacheReadTokens * price.cacheRead +
      usage.cacheWriteTokens * price.cacheWrite) /
    1_000_000
  );
}

/** The totals after one more model turn (a new object; the totals are checkpointed as plain data). */
export function addTurn(totals: UsageTotals, usage: Usage, price: Price | undefined): UsageTotals {
  const next: UsageTotals = {
    ...totals,
    inputTokens: totals.inputTokens + usage.inputTokens,
    outputTokens: totals.outputTokens + usage.outputTokens,
    cacheReadTokens: totals.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: totals.cacheWriteTokens + usage.cacheWriteTokens,
    turns: totals.turns + 1,
  };
  if (price) next.costUsd = (totals.costUsd ?? 0) + costOf(usage, price);
  return next;
}

/** Tokens as the token budget counts them: every input token (cached or not) plus output. */
export function totalTokens(u: Usage): number {
  return u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens + u.outputTokens;
}

/**
 * The first budget (of `only`) the totals have reached, or undefined. Reaching a limit counts as crossing it: a run with
 * `maxToolCalls: 5` makes five calls and then stops. A cost budget without a price cannot be judged here (the loop
 * refuses to start such a run).
 */
export function exceeded(
  budgets: Budgets,
  totals: UsageTotals,
  only: readonly BudgetKind[] = ALL_BUDGETS,
): BudgetKind | undefined {
  const reached = (kind: BudgetKind): boolean => {
    switch (kind) {
      case 'tokens':
        return budgets.maxTokens !== undefined && totalTokens(totals) >= budgets.maxTokens;
      case 'cost':
        return budgets.maxCostUsd !== undefined && totals.costUsd !== undefined && totals.costUsd >= budgets.maxCostUsd;
      case 'time':
        return budgets.maxWallMs !== undefined && totals.wallMs >= budgets.maxWallMs;
      case 'tool-calls':
        return budgets.maxToolCalls !== undefined && totals.toolCalls >= budgets.maxToolCalls;
      case 'turns':
        return budgets.maxTurns !== undefined && totals.turns >= budgets.maxTurns;
    }
  };
  return only.find(reached);
}

export const ALL_BUDGETS: readonly BudgetKind[] = ['tokens', 'cost', 'time', 'tool-calls', 'turns'];

/**
 * The budgets that stop a tool call the model already asked for: its tokens are spent, so only time and the count of
 * calls can forbid running it. The others are judged before the next model request.
 */
export const TOOL_BUDGETS: readonly BudgetKind[] = ['time', 'tool-calls'];

const grouped = (n: number): string => Math.max(0, Math.floor(n)).toLocaleString('en-US');

/**
 * The one line every tool result ends with, e.g. "budget left: 12,345 tokens, $0.42, 38 min, 77 tool calls". Only
 * the budgets that are set appear.
 */
export function budgetFooter(budgets: Budgets, totals: UsageTotals): string {
  const parts: string[] = [];
  if (budgets.maxTokens !== undefined) parts.push(`${grouped(budgets.maxTokens - totalTokens(totals))} tokens`);
  if (budgets.maxCostUsd !== undefined)
    parts.push(`$${Math.max(0, budgets.maxCostUsd - (totals.costUsd ?? 0)).toFixed(2)}`);
  if (budgets.maxWallMs !== undefined) parts.push(`${grouped((budgets.maxWallMs - totals.wallMs) / 60_000)} min`);
  if (budgets.maxToolCalls !== undefined) parts.push(`${grouped(budgets.maxToolCalls - totals.toolCalls)} tool calls`);
  if (budgets.maxTurns !== undefined) parts.push(`${grouped(budgets.maxTurns - totals.turns)} model turns`);
  return parts.length === 0 ? 'budget left: no limits set' : `budget left: ${parts.join(', ')}`;
}
