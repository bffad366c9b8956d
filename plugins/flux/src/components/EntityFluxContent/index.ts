export {
  EntityFluxContent,
  DEFAULT_POLL_INTERVAL_MS,
} from './EntityFluxContent';
