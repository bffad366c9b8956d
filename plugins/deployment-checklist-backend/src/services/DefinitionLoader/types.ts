import { Entity } from '@backstage/catalog-model';
import { ChecklistDefinition } from '@goldenpath/backstage-plugin-deployment-checklist-common';

/** Finds and validates the checklist definition a release is created from. */
export interface DefinitionLoader {
  /** The platform's default checklist (checklists/default.yaml). */
  defaultDefinition(): ChecklistDefinition;
  /**
   * The definition an entity names in its deployment-checklist annotation, or
   * the default. An unreadable or invalid definition is an InputError naming
   * the file and the field.
   */
  forEntity(entity: Entity): Promise<ChecklistDefinition>;
}
