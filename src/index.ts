// The client
export { Puchify } from './client';
export type { FetchLike, PuchifyOptions, RequestOptions } from './core/client-options';
export type {
  Middleware,
  MiddlewareHooks,
  MiddlewareOptions,
  MiddlewareParams,
} from './core/exchange';

// Errors
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  NotFoundError,
  PermissionDeniedError,
  PuchifyError,
  RateLimitError,
  RequestAbortedError,
  ResourceFailedError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
  WaitTimeoutError,
} from './core/errors';
export type { ErrorCode, ErrorDetail, ResponseMeta } from './core/errors';

// Logging and hooks
export type { LogLevel, Logger } from './core/logger';
export type { FailureEvent, Hooks, RequestEvent, ResponseEvent, RetryEvent } from './core/hooks';

// Envelopes, pagination and waiting
export type { Envelope, ListEnvelope, ListMeta, Meta, WithStatus } from './core/api-types';
export type { Paginator, PaginationOptions } from './core/pagination';
export type { ListOptions } from './core/resource';
export type { WaitOptions, WaitProgress } from './core/polling';
export type { CreateOptions } from './core/lifecycle-resource';

// Servers, GPU servers, databases, clusters, load balancers, VPN gateways
export type {
  Server,
  ServerCreateParams,
  ServerListParams,
  ServerStatus,
  ServerUpdateParams,
  Servers,
} from './resources/servers';
export type {
  GpuServer,
  GpuServerCreateParams,
  GpuServerListParams,
  GpuServerStatus,
  GpuServerUpdateParams,
  GpuServers,
} from './resources/gpu-servers';
export type {
  Database,
  DatabaseCreateParams,
  DatabaseListParams,
  DatabaseStatus,
  DatabaseUpdateParams,
  Databases,
} from './resources/databases';
export type {
  KubernetesCluster,
  KubernetesClusterCreateParams,
  KubernetesClusterListParams,
  KubernetesClusterScaleParams,
  KubernetesClusterStatus,
  KubernetesClusterUpdateParams,
  KubernetesClusters,
} from './resources/kubernetes-clusters';
export type {
  LoadBalancer,
  LoadBalancerCreateParams,
  LoadBalancerListParams,
  LoadBalancerStatus,
  LoadBalancerUpdateParams,
  LoadBalancers,
} from './resources/load-balancers';
export type {
  VpnGateway,
  VpnGatewayCreateParams,
  VpnGatewayListParams,
  VpnGatewayStatus,
  VpnGatewayUpdateParams,
  VpnGateways,
} from './resources/vpn-gateways';

// API keys and webhook endpoints
export type {
  ApiKey,
  ApiKeyCreateParams,
  ApiKeyCreated,
  ApiKeyListParams,
  ApiKeyStatus,
  ApiKeyUpdateParams,
  ApiKeys,
} from './resources/api-keys';
export type {
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointCreated,
  WebhookEndpointListParams,
  WebhookEndpointStatus,
  WebhookEndpointUpdateParams,
  WebhookEndpoints,
} from './resources/webhook-endpoints';

// Audit events, usage, logs, terminal sessions
export type { Event, EventListParams, EventType, Events } from './resources/events';
export type {
  Invoice,
  InvoiceListParams,
  Usage,
  UsageListParams,
  UsageRecord,
  UsageRecordPage,
  UsageSummary,
} from './resources/usage';
export type {
  LogEntry,
  LogListParams,
  LogTailOptions,
  LogTailParams,
  Logs,
} from './resources/logs';
export type {
  Terminal,
  TerminalSession,
  TerminalSessionCreateParams,
  TerminalSessionListParams,
  TerminalSessionStatus,
} from './resources/terminal';

// The contract's raw types, as generated from openapi/puchify.yaml.
export type { components, operations, paths, webhooks } from './generated/types';
export type { OperationalStatuses } from './generated/lifecycle';
