import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { uuidPipe } from '../common/validation/validation';
import { ApiKeyPageDto } from './api-key-page.dto';
import { ApiKeyDto } from './api-key.dto';
import { ApiKeysService, MAX_ACTIVE_KEYS_PER_USER } from './api-keys.service';
import { CreateApiKeyDto } from './create-api-key.dto';
import { CreatedApiKeyDto } from './created-api-key.dto';
import { ListApiKeysQueryDto } from './list-api-keys-query.dto';

const ID_PARAM = { name: 'id', format: 'uuid', description: 'The API key id (not the key).' } as const;

@ApiTags('api-keys')
@ApiUnauthorizedResponse({ description: 'No valid session or API key.' })
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key for the caller',
    description:
      'Returns the key object plus `key`, the API key itself. **The key is shown only in this response**: ' +
      'only its SHA-256 hash and first 12 characters are stored, so copy it now. Use it as ' +
      `\`Authorization: Bearer <key>\`. A user may hold at most ${MAX_ACTIVE_KEYS_PER_USER} active keys.`,
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiBadRequestResponse({ description: 'Invalid name, or expiresAt not an ISO 8601 date-time in the future.' })
  @ApiConflictResponse({ description: `The caller already holds ${MAX_ACTIVE_KEYS_PER_USER} active keys.` })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(principal, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys, newest first',
    description: "The caller's keys; an admin may pass `userId=<id>` or `userId=all`. The key itself is never included.",
  })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiBadRequestResponse({ description: 'Invalid limit, offset or userId.' })
  @ApiForbiddenResponse({ description: "A member asked for another user's keys or for all keys." })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListApiKeysQueryDto): Promise<ApiKeyPageDto> {
    return this.apiKeys.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one API key (owner or admin)' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such key, or it belongs to another user.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(principal, id);
  }

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Revoke an API key (owner or admin)',
    description:
      'The key stops working at once on the server that revokes it, and within one second on every other instance. ' +
      'Revocation is terminal; revoking again returns the key unchanged. ' +
      'An expired key can be revoked too.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such key, or it belongs to another user.' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', uuidPipe()) id: string): Promise<ApiKeyDto> {
    return this.apiKeys.revoke(principal, id);
  }
}
