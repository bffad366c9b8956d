import { fluxFrontendPlugin } from './plugin';

export { fluxApi, fluxEntityContent, fluxRuntimePage } from './plugin';

/** @alpha */
export default fluxFrontendPlugin;
