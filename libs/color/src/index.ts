export const COLOR_LIB_VERSION = '0.1.0';
