// comlink ships types for its Node adapter only under the extension-less name; Node's ESM loader needs the .mjs one.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
