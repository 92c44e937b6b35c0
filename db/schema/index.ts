export * from './auth';
export * from './organization';
export * from './project';
export * from './environment';
export * from './audit';
export * from './api-key';
export * from './registry';
export * from './component';
