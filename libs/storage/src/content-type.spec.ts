import { contentDisposition } from './content-disposition';
import { contentTypeFromKey, isInlineContentType, isUploadableContentType, isValidContentType } from './content-type';

describe('contentTypeFromKey', () => {
  it.each([
    ['u/1/a.jpg', 'image/jpeg'],
    ['u/1/a.JPEG', 'image/jpeg'],
    ['u/1/clip.mov', 'video/quicktime'],
    ['u/1/look.cube', 'text/plain'],
    ['u/1/archive.tar.zip', 'application/zip'],
    ['u/1/noext', null],
    ['u/1/.png', null],
    ['u/1.png/noext', null],
    ['u/1/a.exe', null],
  ])('%j → %j', (key, expected) => {
    expect(contentTypeFromKey(key)).toBe(expected);
  });
});

describe('isValidContentType', () => {
  it.each([
    ['image/png', true],
    ['text/plain; charset=utf-8', true],
    ['application/vnd.api+json', true],
    ['png', false],
    ['image/png\r\nX-Evil: 1', false],
    ['', false],
    [`image/${'x'.repeat(300)}`, false],
  ])('%j → %s', (value, expected) => {
    expect(isValidContentType(value)).toBe(expected);
  });
});

describe('contentDisposition', () => {
  it('uses the plain form for names that need no escaping', () => {
    expect(contentDisposition('graded.jpg')).toBe('attachment; filename="graded.jpg"');
  });

  it('adds the RFC 5987 form when the name had to be sanitised', () => {
    expect(contentDisposition('Été "final".jpg')).toBe(
      `attachment; filename="Ete-final.jpg"; filename*=UTF-8''%C3%89t%C3%A9%20%22final%22.jpg`,
    );
  });

  it('never lets quotes, CR/LF or paths into the header', () => {
    const header = contentDisposition('../x"\r\nSet-Cookie: a=b.jpg');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="x-Set-Cookie-a-b.jpg"; filename*=UTF-8\'\'')).toBe(true);
    expect(header).not.toContain('..');
  });
});

describe('isUploadableContentType', () => {
  it.each([
    ['image/jpeg', true],
    ['IMAGE/PNG', true],
    ['video/mp4', true],
    ['text/plain', true],
    ['application/zip', true],
    ['text/html', false],
    ['image/svg+xml', false],
    ['application/javascript', false],
    ['text/xml', false],
    ['application/pdf', false],
  ])('%j → %s', (value, expected) => {
    expect(isUploadableContentType(value)).toBe(expected);
  });
});

describe('isInlineContentType', () => {
  it.each([
    ['image/png', true],
    ['image/jpeg; charset=binary', true],
    ['video/x-anything', true],
    ['image/svg+xml', false],
    ['text/plain', false],
    ['text/html', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isInlineContentType(value)).toBe(expected);
  });
});
