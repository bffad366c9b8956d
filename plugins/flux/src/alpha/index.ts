import { fluxFrontendPlugin } from './plugin';

export {
  fluxApi,
  fluxEntityCard,
  fluxEntityContent,
  fluxRuntimePage,
} from './plugin';

/** @alpha */
export default fluxFrontendPlugin;
