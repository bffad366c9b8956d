export { createChecklistCreateAction } from './checklistCreate';
export { createChecklistAssertAction } from './checklistAssert';
export type { ChecklistActionOptions } from './checklistApi';
