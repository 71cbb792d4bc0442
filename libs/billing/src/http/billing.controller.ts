import type {} from '@fastify/multipart';
import { Body, Controller, Get, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { Allow, type Actor, CallerScope, CurrentActor, Role } from '#identity/access';
import {
  CheckQuery,
  ContractQuery,
  CreateContractDto,
  DayQuery,
  ExchangeRateDto,
  ExchangeRateQuery,
  InvoiceLineQuery,
  InvoiceLinesDto,
  MonthQuery,
  RateTableQuery,
  RequestedFromPlanDto,
  RequestedHoursDto,
  RequestedQuery,
  ReviewDto,
} from '../application/billing.dto.js';
import { ContractsService } from '../application/contracts.service.js';
import { DeliveredHoursService } from '../application/delivered-hours.service.js';
import { ExchangeRatesService } from '../application/exchange-rates.service.js';
import { INVOICE_CSV_COLUMNS, InvoicesService } from '../application/invoices.service.js';
import { RequestedHoursService } from '../application/requested-hours.service.js';
import { BillingError } from '../domain/billing.error.js';
import {
  BillingCheckResponse,
  ContractResponse,
  DeliveredDayResponse,
  ExchangeRateResponse,
  InvoiceLineResponse,
  InvoiceUploadResponse,
  LineAdherenceResponse,
  RateMonthResponse,
  RequestedFromPlanResponse,
  RequestedHoursResultResponse,
  RequestedIntervalResponse,
} from './billing.responses.js';

const MANAGERS = [Role.Admin, Role.Manager] as const;
const READERS = [Role.Admin, Role.Manager, Role.Partner] as const;

@ApiTags('billing')
@Controller('billing')
export class BillingController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly requested: RequestedHoursService,
    private readonly delivered: DeliveredHoursService,
    private readonly invoices: InvoicesService,
    private readonly exchangeRates: ExchangeRatesService,
  ) {}

  @Post('contracts')
  @Allow(...MANAGERS)
  @ApiOperation({
    summary: 'Create a partner contract (optionally for one site): basis, rates, billable states, SLA terms',
    description:
      "Dates don't overlap another contract of the same partner and site (409). A site's own contract wins over its partner's.",
  })
  @ApiCreatedResponse({ type: ContractResponse })
  @ApiErrorResponses(400, 404, 409)
  createContract(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Body() body: CreateContractDto,
  ): Promise<ContractResponse> {
    return this.contracts.create(scope, actor.label, body);
  }

  @Get('contracts')
  @Allow(...READERS)
  @ApiOperation({ summary: 'Contracts (a partner sees its own)' })
  @ApiOkResponse({ type: [ContractResponse] })
  @ApiErrorResponses(400)
  listContracts(@CallerScope() scope: SiteScope, @Query() query: ContractQuery): Promise<ContractResponse[]> {
    return this.contracts.list(scope, query.partnerId);
  }

  @Get('contracts/:id')
  @Allow(...READERS)
  @ApiOperation({ summary: 'One contract' })
  @ApiOkResponse({ type: ContractResponse })
  @ApiErrorResponses(400, 404)
  contract(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<ContractResponse> {
    return this.contracts.get(scope, id);
  }

  @Get('contracts/:id/rates')
  @Allow(...READERS)
  @ApiOperation({ summary: "A contract's rate table by month (the rates in force during each month)" })
  @ApiOkResponse({ type: [RateMonthResponse] })
  @ApiErrorResponses(400, 404)
  rates(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: RateTableQuery,
  ): Promise<RateMonthResponse[]> {
    return this.contracts.rates(scope, id, query);
  }

  @Put('exchange-rates')
  @Allow(...MANAGERS)
  @ApiOperation({
    summary: "Enter a month's exchange rate to euros (MAD→EUR: euros for 1 MAD)",
    description:
      'One current rate per currency and month: a changed rate is stored as the next version (the old one kept, ' +
      'the write audited); the same rate again adds nothing. Contract costs in MAD are converted with their ' +
      "month's rate for the campaign allocation's cost view.",
  })
  @ApiOkResponse({ type: ExchangeRateResponse, description: 'the current version after the write' })
  @ApiErrorResponses(400)
  enterExchangeRate(
    @CurrentActor() actor: Actor,
    @Body() body: ExchangeRateDto,
  ): Promise<ExchangeRateResponse> {
    return this.exchangeRates.enter(actor.label, body);
  }

  @Get('exchange-rates')
  @Allow(...READERS)
  @ApiOperation({ summary: 'Exchange rates to euros by month (current versions, or all)' })
  @ApiOkResponse({ type: [ExchangeRateResponse] })
  @ApiErrorResponses(400)
  listExchangeRates(@Query() query: ExchangeRateQuery): Promise<ExchangeRateResponse[]> {
    return this.exchangeRates.list(query);
  }

  @Put('sites/:id/requested-hours')
  @Allow(...MANAGERS)
  @ApiOperation({
    summary: 'Enter hours requested per 30-minute interval of a site',
    description:
      'A changed value is stored as the next version of its interval (the old one kept); an unchanged one adds nothing.',
  })
  @ApiOkResponse({ type: RequestedHoursResultResponse })
  @ApiErrorResponses(400, 404)
  enterRequested(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: RequestedHoursDto,
  ): Promise<RequestedHoursResultResponse> {
    return this.requested.enter(scope, actor.label, id, body);
  }

  @Post('sites/:id/requested-hours/from-plan')
  @Allow(...MANAGERS)
  @ApiOperation({
    summary: 'Accept the capacity plan as the hours requested of a site, interval by interval',
    description:
      'For each 30-minute interval of the plan’s days (GET /planning/capacity, Europe/Paris days): the agents the ' +
      'site needs on the phones for its queues and campaigns (in-shift shrinkage 0, rounded up) x 0.5 h, stored ' +
      'as a new version with source capacity_plan where it changed. Intervals needing nobody are left as they are.',
  })
  @ApiCreatedResponse({ type: RequestedFromPlanResponse })
  @ApiErrorResponses(400, 404)
  requestedFromPlan(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: RequestedFromPlanDto,
  ): Promise<RequestedFromPlanResponse> {
    return this.requested.fromPlan(scope, actor.label, id, body);
  }

  @Get('sites/:id/requested-hours')
  @Allow(...READERS)
  @ApiOperation({ summary: "Requested hours of a site's local day (current versions, or all)" })
  @ApiOkResponse({ type: [RequestedIntervalResponse] })
  @ApiErrorResponses(400, 404)
  requestedHours(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: RequestedQuery,
  ): Promise<RequestedIntervalResponse[]> {
    return this.requested.day(scope, id, query);
  }

  @Get('sites/:id/delivered')
  @Allow(...READERS)
  @ApiOperation({
    summary: "Delivered hours of a site's local day, interval by interval, by state and pause reason",
    description:
      'From the seat-minute history. Minutes without a sample are gaps: shown, never counted as hours.',
  })
  @ApiOkResponse({ type: DeliveredDayResponse })
  @ApiErrorResponses(400, 404)
  deliveredDay(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: DayQuery,
  ): Promise<DeliveredDayResponse> {
    return this.delivered.day(scope, id, query.date);
  }

  @Get('sites/:id/delivered-days')
  @Allow(...READERS)
  @ApiOperation({ summary: "Delivered hours of each local day of a site's month" })
  @ApiOkResponse({ type: [DeliveredDayResponse] })
  @ApiErrorResponses(400, 404)
  deliveredMonth(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: MonthQuery,
  ): Promise<DeliveredDayResponse[]> {
    return this.delivered.month(scope, id, query.month);
  }

  @Get('sites/:id/line-adherence')
  @Allow(...READERS)
  @ApiOperation({
    summary:
      "Line adherence of a site's month: per interval, share within tolerance, breaches and SLA credits",
  })
  @ApiOkResponse({ type: LineAdherenceResponse })
  @ApiErrorResponses(400, 404)
  lineAdherence(
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Query() query: MonthQuery,
  ): Promise<LineAdherenceResponse> {
    return this.delivered.lineAdherence(scope, id, query.month);
  }

  @Get('check')
  @Allow(...READERS)
  @ApiOperation({
    summary: 'The monthly billing check: billed against delivered per site, disputes, credits',
  })
  @ApiOkResponse({ type: BillingCheckResponse })
  @ApiErrorResponses(400)
  check(@CallerScope() scope: SiteScope, @Query() query: CheckQuery): Promise<BillingCheckResponse> {
    return this.delivered.check(scope, query.month, query.partnerId);
  }

  @Post('invoice-lines')
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Send invoice lines (a partner, for its own sites): each is checked against delivered hours',
    description: 'All or nothing. Another partner’s site answers 404.',
  })
  @ApiCreatedResponse({ type: [InvoiceLineResponse] })
  @ApiErrorResponses(400, 404)
  submitLines(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Body() body: InvoiceLinesDto,
  ): Promise<InvoiceLineResponse[]> {
    return this.invoices.submit(scope, actor.label, body.lines);
  }

  @Post('invoice-lines/uploads')
  @Allow(Role.Admin, Role.Partner)
  @ApiOperation({
    summary: 'Upload invoice lines as CSV (multipart/form-data, field "file")',
    description: `Header ${INVOICE_CSV_COLUMNS.join(',')} (currency and reference optional). One bad row refuses the file (400 invalid_rows with line numbers).`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: InvoiceUploadResponse })
  @ApiErrorResponses(400, 404)
  async uploadLines(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Req() request: FastifyRequest,
  ): Promise<InvoiceUploadResponse> {
    if (!request.isMultipart())
      throw BillingError.invalidUpload('Send the CSV as multipart/form-data in a field named "file".');
    const file = await request.file();
    if (!file)
      throw BillingError.invalidUpload('The form holds no file: send the CSV in a field named "file".');
    return this.invoices.upload(scope, actor.label, await file.toBuffer());
  }

  @Get('invoice-lines')
  @Allow(...READERS)
  @ApiOperation({ summary: 'Invoice lines with their checks and reviews (a partner sees its own)' })
  @ApiOkResponse({ type: [InvoiceLineResponse] })
  @ApiErrorResponses(400)
  lines(@CallerScope() scope: SiteScope, @Query() query: InvoiceLineQuery): Promise<InvoiceLineResponse[]> {
    return this.invoices.list(scope, query);
  }

  @Get('invoice-lines/:id')
  @Allow(...READERS)
  @ApiOperation({ summary: 'One invoice line with its reviews' })
  @ApiOkResponse({ type: InvoiceLineResponse })
  @ApiErrorResponses(400, 404)
  line(@CallerScope() scope: SiteScope, @Param('id', UuidParam) id: string): Promise<InvoiceLineResponse> {
    return this.invoices.get(scope, id);
  }

  @Post('invoice-lines/:id/review')
  @Allow(...MANAGERS)
  @ApiOperation({
    summary: 'Accept or dispute an invoice line, with a comment (kept with the line and audited)',
  })
  @ApiCreatedResponse({ type: InvoiceLineResponse })
  @ApiErrorResponses(400, 404)
  review(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
    @Body() body: ReviewDto,
  ): Promise<InvoiceLineResponse> {
    return this.invoices.review(scope, actor.label, id, body);
  }
}
