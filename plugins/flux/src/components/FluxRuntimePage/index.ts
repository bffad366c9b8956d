export { FluxRuntimeContent, FluxRuntimePage } from './FluxRuntimePage';
