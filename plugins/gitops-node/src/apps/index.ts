export type {
  AppAutoscaling,
  AppDatabase,
  AppKind,
  AppQuantities,
  AppSecret,
  AppSizing,
  AppSpec,
} from './types';
export { APP_KINDS } from './types';
export type { NewAppOptions } from './defaultAppSpec';
export { defaultAppSpec, INITIAL_TAGS } from './defaultAppSpec';
export { validateAppSpec } from './validateAppSpec';
export { renderApp } from './renderApp';
export type { AddAppOptions, AddAppResult } from './addApp';
export { addApp } from './addApp';
