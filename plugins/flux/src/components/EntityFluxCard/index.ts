export { EntityFluxCard } from './EntityFluxCard';
