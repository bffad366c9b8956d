export {};
export * from './gitops';
export * from './git';
export * from './checklist';
export * from './cost';
