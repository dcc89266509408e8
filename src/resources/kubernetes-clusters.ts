import type { BodyOf, CrudTypesOf, Envelope, Schemas } from '../core/api-types';
import type { RequestOptions } from '../core/client-options';
import { LifecycleResource } from '../core/lifecycle-resource';
import type { Transport } from '../core/transport';
import { waitStates } from '../generated/lifecycle';
import type { OperationalStatuses } from '../generated/lifecycle';

type KubernetesClusterTypes = CrudTypesOf<'KubernetesCluster', 'KubernetesClusters'>;

/** A Kubernetes cluster as the API returns it; `status` accepts values added to the API later. */
export type KubernetesCluster = KubernetesClusterTypes['item'];
/** Known statuses of a Kubernetes cluster. */
export type KubernetesClusterStatus = Schemas['KubernetesClusterStatus'];
/** Body of `kubernetesClusters.create()`. */
export type KubernetesClusterCreateParams = KubernetesClusterTypes['create'];
/** Body of `kubernetesClusters.update()`. */
export type KubernetesClusterUpdateParams = KubernetesClusterTypes['update'];
/** Query of `kubernetesClusters.list()`. */
export type KubernetesClusterListParams = KubernetesClusterTypes['listQuery'];

/** `puchify.kubernetesClusters`: Kubernetes clusters, `healthy` when operational. */
export class KubernetesClusters extends LifecycleResource<
  KubernetesClusterTypes,
  OperationalStatuses['kubernetesClusters']
> {
  constructor(transport: Transport) {
    super(transport, '/api/v1/kubernetes-clusters', waitStates.kubernetesClusters);
  }

  /**
   * Resizes node pools; the cluster is `scaling`, then `healthy` again.
   * @example await client.kubernetesClusters.scale(id, { node_pool: 'default', node_count: 5 })
   */
  scale(
    id: string,
    body: KubernetesClusterScaleParams,
    options?: RequestOptions,
  ): Promise<Envelope<KubernetesCluster>> {
    return this.action(id, 'scale', body, options);
  }
}

/** Body of `kubernetesClusters.scale()`. */
export type KubernetesClusterScaleParams = BodyOf<'scaleKubernetesCluster'>;
