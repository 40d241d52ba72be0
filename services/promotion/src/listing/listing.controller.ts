import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@ocop/nest-common';
import { MANAGERS, READERS_AND_PRODUCERS } from '../common/promotion.access';
import { CreateListingDto, DelistDto, ListingPageView, ListingQuery, ListingView } from './dto/listing.dto';
import { ListingService } from './listing.service';

@ApiTags('listings')
@Controller('listings')
export class ListingController {
  constructor(private readonly listings: ListingService) {}

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'List a product with a certificate in force on an e-commerce platform' })
  @ApiCreatedResponse({ type: ListingView })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateListingDto): Promise<ListingView> {
    return ListingView.of(await this.listings.create(user, dto));
  }

  @Get()
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOperation({ summary: "Listings of a province's products (default: yours); a producer sees its own" })
  @ApiOkResponse({ type: ListingPageView })
  async list(@CurrentUser() user: AuthUser, @Query() query: ListingQuery): Promise<ListingPageView> {
    const page = await this.listings.list(user, query);
    return { ...page, items: page.items.map((listing) => ListingView.of(listing)) };
  }

  @Get(':listingId')
  @Roles(...READERS_AND_PRODUCERS)
  @ApiOkResponse({ type: ListingView })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('listingId', new ParseUUIDPipe()) listingId: string,
  ): Promise<ListingView> {
    return ListingView.of(await this.listings.get(user, listingId));
  }

  @Post(':listingId/delisting')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: ListingView })
  async delist(
    @CurrentUser() user: AuthUser,
    @Param('listingId', new ParseUUIDPipe()) listingId: string,
    @Body() dto: DelistDto,
  ): Promise<ListingView> {
    return ListingView.of(await this.listings.delist(user, listingId, dto.reason));
  }

  @Post(':listingId/relisting')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiOperation({ summary: 'Put a delisted listing back (needs a certificate in force today)' })
  @ApiOkResponse({ type: ListingView })
  async relist(
    @CurrentUser() user: AuthUser,
    @Param('listingId', new ParseUUIDPipe()) listingId: string,
  ): Promise<ListingView> {
    return ListingView.of(await this.listings.relist(user, listingId));
  }
}
