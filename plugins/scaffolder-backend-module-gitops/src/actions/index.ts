export {};
export * from './gitops';
export * from './git';
