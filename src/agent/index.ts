/** The agent core's public surface, for hosts (the CLI, the app) and model clients. */
export * from './budgets.ts';
export * from './checkpoint.ts';
export * from './context.ts';
export type * from './environment.ts';
export * from './loop.ts';
export * from './memory-store.ts';
export type * from './messages.ts';
export type * from './model-client.ts';
export * from './prompt.ts';
export * from './spinning.ts';
export * from './tools.ts';
export * from './trajectory.ts';
export * from './workspace.ts';
