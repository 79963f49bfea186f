export * from './video-grade-request.dto';
export * from './video-limits';
export * from './video-pricing';
export * from './video-upload-request.dto';
export * from './video.operations';
export * from './video.params';
export * from './video.results';
