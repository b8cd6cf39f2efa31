// Stands in for `sharp` in the bundles (esbuild.mjs aliases it here).
// transformers.js imports sharp at load time and refuses to start if the
// import is empty, but only its image pipelines call it; Latent Map embeds
// text, so the .vsix need not carry sharp's native binaries.
export default function sharp(): never {
  throw new Error('Latent Map does not process images: sharp is not bundled');
}
