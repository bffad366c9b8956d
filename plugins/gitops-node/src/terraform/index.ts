export { parseHcl } from './parseHcl';
export type { HclDocument } from './parseHcl';
export { TerraformRepository } from './TerraformRepository';
export type { AddServiceResourceResult } from './TerraformRepository';
export {
  SERVICE_RESOURCE_DEFAULTS,
  SERVICE_RESOURCE_KINDS,
  renderServiceResource,
} from './serviceResources';
export type {
  RenderedServiceResource,
  ServiceResourceKind,
  ServiceResourceOutput,
  ServiceResourceRequest,
  ServiceResourceSizing,
} from './serviceResources';
export { validateTerraform } from './validateTerraform';
export type { ValidateTerraformOptions } from './validateTerraform';
