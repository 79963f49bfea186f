import { SetMetadata } from '@nestjs/common';

export const STREAMS_BODY = 'gradekit:streams-body';

/**
 * The route reads its request body as a stream of any content type (the local storage
 * route's presigned PUTs). Every other route takes JSON or nothing: a body of another
 * type is a 415 (JsonBodyInterceptor).
 */
export const StreamsBody = () => SetMetadata(STREAMS_BODY, true);
