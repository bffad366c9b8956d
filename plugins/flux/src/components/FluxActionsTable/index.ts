export { FluxActionsTable } from './FluxActionsTable';
