export { FluxActionButtons } from './FluxActionButtons';
