import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, JurisdictionService, Roles, type AuthUser, type Page } from '@ocop/nest-common';
import { ContactsDto, NotificationQuery, NotificationView } from './dto/notification.dto';
import { NotificationService } from './notification.service';

const CONTACT_EDITORS = ['commune_officer', 'district_officer', 'province_officer', 'ministry_officer'] as const;

/** The inbox: reminders and escalations for the user's unit, and what is addressed to the user. */
@ApiTags('notifications')
@Controller()
export class NotificationController {
  constructor(
    private readonly notifications: NotificationService,
    private readonly jurisdiction: JurisdictionService,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: "Your unit's notifications and yours (a producer's users: the producer's), newest first" })
  async list(@CurrentUser() user: AuthUser, @Query() query: NotificationQuery): Promise<Page<NotificationView>> {
    const page = await this.notifications.list(user, {
      ...(query.unread !== undefined ? { unread: query.unread } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    return { ...page, items: page.items.map((row) => NotificationView.of(row)) };
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView })
  async read(
    @CurrentUser() user: AuthUser,
    @Param('notificationId', new ParseUUIDPipe()) notificationId: string,
  ): Promise<NotificationView> {
    return NotificationView.of(await this.notifications.markRead(user, notificationId));
  }

  @Get('notification-contacts/:unitCode')
  @Roles(...CONTACT_EDITORS)
  @ApiOperation({ summary: "Where a unit's notifications are e-mailed" })
  async contacts(@CurrentUser() user: AuthUser, @Param('unitCode') unitCode: string): Promise<{ emails: string[] }> {
    await this.jurisdiction.assertWithin(user, unitCode);
    return { emails: await this.notifications.contacts(unitCode) };
  }

  @Put('notification-contacts/:unitCode')
  @Roles(...CONTACT_EDITORS)
  async setContacts(
    @CurrentUser() user: AuthUser,
    @Param('unitCode') unitCode: string,
    @Body() dto: ContactsDto,
  ): Promise<{ emails: string[] }> {
    await this.jurisdiction.assertWithin(user, unitCode);
    return { emails: await this.notifications.setContacts(user, unitCode, dto.emails) };
  }
}
