export { EntityFluxContent } from './EntityFluxContent';
