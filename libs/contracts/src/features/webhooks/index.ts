export * from './webhook-event';
export * from './webhook-settings.dto';
