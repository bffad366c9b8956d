export { FluxObjectDetails } from './FluxObjectDetails';
