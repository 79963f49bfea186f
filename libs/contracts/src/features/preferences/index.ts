export * from './image-output';
export * from './preference-definitions';
export * from './preferences.dto';
