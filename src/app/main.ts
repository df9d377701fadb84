import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { hostingState } from './offline/hosting-state.svelte.ts';

mount(App, { target: document.querySelector('#app') as HTMLElement });

// After the mount: the service worker's set-up (and on a host that sends no headers, its one reload) never delays
// the first paint.
hostingState.start();
