import type { Envelope, ListEnvelope, ListMeta, Open, QueryOf, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import type { Paginator } from '../core/pagination';
import { ApiResource, type ListOptions } from '../core/resource';
import type { Transport } from '../core/transport';

/** One metered usage record. */
export type UsageRecord = Open<Schemas['UsageRecord'], { resource_kind: Schemas['ResourceKind'] }>;
/** Totals for the current billing period. */
export type UsageSummary = Schemas['UsageSummary'];
/** One invoice; `status` accepts values added to the API later. */
export type Invoice = Open<Schemas['Invoice'], { status: Schemas['InvoiceStatus'] }>;
/** Query of `usage.list()`. */
export type UsageListParams = QueryOf<'listUsageRecords'>;
/** Query of `usage.listInvoices()`. */
export type InvoiceListParams = QueryOf<'listInvoices'>;
/** One page of usage records; unlike other lists, the items sit in `data.usage_records`. */
export interface UsageRecordPage {
  data: { usage_records: UsageRecord[] };
  meta: ListMeta;
}

/** `puchify.usage`: metered usage, billing-period totals and invoices. */
export class Usage extends ApiResource {
  constructor(transport: Transport) {
    super(transport, '/api/v1/usage');
  }

  /**
   * Lists usage records. Awaiting gives the page as the API sends it
   * (`data.usage_records`); iterating yields the records themselves.
   */
  list(query?: UsageListParams, options?: ListOptions): Paginator<UsageRecordPage, UsageRecord> {
    return this.paginate<UsageRecordPage, UsageRecord>(
      this.basePath,
      query,
      options,
      (page) => page.data.usage_records,
    );
  }

  /** Totals for the current billing period. */
  getSummary(options?: RequestOptions): Promise<Envelope<UsageSummary>> {
    return this.send('GET', `${this.basePath}/summary`, { options });
  }

  /** Lists invoices, newest first. */
  listInvoices(
    query?: InvoiceListParams,
    options?: ListOptions,
  ): Paginator<ListEnvelope<Invoice>, Invoice> {
    return this.listAt<Invoice>(`${this.basePath}/invoices`, query, options);
  }
}
