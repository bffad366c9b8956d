export {};
export * from './gitops';
