import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { RequestError, RequestErrorCode } from '../errors/request-error.js';

/**
 * The one file of a `multipart/form-data` upload, sent in the field `field`; undefined when the
 * form holds no file. A file under another name, or any other field sent before it, is refused
 * (400 `unexpected_form_field`) rather than silently taken or ignored.
 */
export async function multipartFile(
  request: FastifyRequest,
  field = 'file',
): Promise<MultipartFile | undefined> {
  const file = await request.file();
  if (!file) return undefined;
  const unexpected = [
    ...new Set([file.fieldname, ...Object.keys(file.fields)].filter((name) => name !== field)),
  ];
  if (unexpected.length) {
    file.file.resume();
    throw RequestError.invalid(
      RequestErrorCode.UnexpectedFormField,
      `The form may hold only the file field "${field}"; unexpected: ${unexpected.map((name) => JSON.stringify(name)).join(', ')}.`,
      { expected: field, unexpected },
    );
  }
  return file;
}
