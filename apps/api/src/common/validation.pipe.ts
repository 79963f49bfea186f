import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type ErrorDetail } from '@gradekit/contracts';

function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * DTO validation for every route: unknown fields are rejected, values are
 * transformed to their declared types, and failures become a 400 listing each
 * field and what is wrong with it.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors).map((detail) =>
        detail.message.startsWith('property ') && detail.message.endsWith(' should not exist')
          ? { field: detail.field, message: `unknown field "${detail.field}"` }
          : detail,
      );
      return DomainError.validation('Request validation failed', details);
    },
  });
}
