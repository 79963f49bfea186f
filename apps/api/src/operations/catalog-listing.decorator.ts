import { Get, Header, applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';

/** Cache lifetime of the static catalogs: they change only with a release. */
export const CATALOG_CACHE_CONTROL = 'public, max-age=3600';

/**
 * A free catalog listing: GET `path`, public (credentials not needed, and ignored),
 * cacheable by clients and proxies, documented as such with its response type.
 */
export function CatalogListing(path: string, doc: { summary: string; description: string; type: Type<unknown> }) {
  return applyDecorators(
    Get(path),
    Public(),
    Header('Cache-Control', CATALOG_CACHE_CONTROL),
    ApiOperation({ summary: `${doc.summary} (free, no auth)`, description: `${doc.description} Credentials are not needed (and are ignored).`, security: [] }),
    ApiOkResponse({ type: doc.type }),
  );
}
