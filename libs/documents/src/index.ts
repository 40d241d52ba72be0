export * from './pdf';
export * from './pdf-inspect';
export * from './qr';
export * from './vietnamese-date';
export * from './xlsx';
