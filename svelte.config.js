import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Read by the Vite plugin, svelte-check, eslint-plugin-svelte and prettier-plugin-svelte alike. */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
};
