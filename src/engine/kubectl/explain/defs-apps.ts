import { bool, define, int, obj, str, strMap } from './schema'
import { API_VERSION, KIND, METADATA, SPEC_STATUS, specOf } from './defs-meta'

/** apps/v1 Deployment and ReplicaSet, core/v1 ReplicationController (main fields). */
const TEMPLATE_RS =
  "Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#pod-template"

define({
  Deployment: {
    type: 'object',
    description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
    properties: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: specOf('Deployment', 'DeploymentSpec'),
      status: { description: 'Most recently observed status of the Deployment.', allOfRef: 'DeploymentStatus' },
    },
  },
  DeploymentSpec: {
    type: 'object',
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    required: ['selector', 'template'],
    properties: {
      minReadySeconds: int(
        'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      ),
      paused: bool('Indicates that the deployment is paused.'),
      progressDeadlineSeconds: int(
        'The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.',
      ),
      replicas: int('Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'),
      revisionHistoryLimit: int(
        'The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.',
      ),
      selector: obj(
        'LabelSelector',
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
      ),
      strategy: { description: 'The deployment strategy to use to replace existing pods with new ones.', allOfRef: 'DeploymentStrategy' },
      template: obj(
        'PodTemplateSpec',
        'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
      ),
    },
  },
  DeploymentStrategy: {
    type: 'object',
    description: 'DeploymentStrategy describes how to replace existing pods with new ones.',
    properties: {
      rollingUpdate: obj('RollingUpdateDeployment', 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.'),
      type: str(
        'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.\n\nPossible enum values:\n - `"Recreate"` Kill all existing pods before creating new ones.\n - `"RollingUpdate"` Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.',
        { enum: ['Recreate', 'RollingUpdate'] },
      ),
    },
  },
  RollingUpdateDeployment: {
    type: 'object',
    description: 'Spec to control the desired behavior of rolling update.',
    properties: {
      maxSurge: obj(
        'IntOrString',
        'The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.',
      ),
      maxUnavailable: obj(
        'IntOrString',
        'The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.',
      ),
    },
  },
  DeploymentStatus: {
    type: 'object',
    description: 'DeploymentStatus is the most recently observed status of the Deployment.',
    properties: {
      availableReplicas: int('Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.'),
      observedGeneration: int('The generation observed by the deployment controller.'),
      readyReplicas: int('Total number of non-terminating pods targeted by this Deployment with a Ready Condition.'),
      replicas: int('Total number of non-terminating pods targeted by this deployment (their labels match the selector).'),
      unavailableReplicas: int(
        'Total number of unavailable pods targeted by this deployment. This is the total number of pods that are still required for the deployment to have 100% available capacity. They may either be pods that are running but not yet available or pods that still have not been created.',
      ),
      updatedReplicas: int('Total number of non-terminating pods targeted by this deployment that have the desired template spec.'),
    },
  },
  ReplicaSet: {
    type: 'object',
    description: 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.',
    properties: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: {
        description:
          "If the Labels of a ReplicaSet are empty, they are defaulted to be the same as the Pod(s) that the ReplicaSet manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        allOfRef: 'ObjectMeta',
      },
      spec: { description: `Spec defines the specification of the desired behavior of the ReplicaSet. More info: ${SPEC_STATUS}`, allOfRef: 'ReplicaSetSpec' },
      status: {
        description: `Status is the most recently observed status of the ReplicaSet. This data may be out of date by some window of time. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
        allOfRef: 'ReplicaSetStatus',
      },
    },
  },
  ReplicaSetSpec: {
    type: 'object',
    description: 'ReplicaSetSpec is the specification of a ReplicaSet.',
    required: ['selector'],
    properties: {
      minReadySeconds: int(
        'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      ),
      replicas: int(
        'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#when-a-replicaset-is-useful',
      ),
      selector: obj(
        'LabelSelector',
        "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
      ),
      template: obj(
        'PodTemplateSpec',
        'Template is the object that describes the pod that will be created if insufficient replicas are detected. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#pod-template',
      ),
    },
  },
  ReplicaSetStatus: {
    type: 'object',
    description: 'ReplicaSetStatus represents the current status of a ReplicaSet.',
    required: ['replicas'],
    properties: {
      availableReplicas: int('The number of available non-terminating pods (ready for at least minReadySeconds) for this replica set.'),
      fullyLabeledReplicas: int('The number of non-terminating pods that have labels matching the labels of the pod template of the replicaset.'),
      observedGeneration: int('ObservedGeneration reflects the generation of the most recently observed ReplicaSet.'),
      readyReplicas: int('The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.'),
      replicas: int(
        'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#what-is-a-replicaset',
      ),
    },
  },
  ReplicationController: {
    type: 'object',
    description: 'ReplicationController represents the configuration of a replication controller.',
    properties: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: {
        description:
          "If the Labels of a ReplicationController are empty, they are defaulted to be the same as the Pod(s) that the replication controller manages. Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
        allOfRef: 'ObjectMeta',
      },
      spec: {
        description: `Spec defines the specification of the desired behavior of the replication controller. More info: ${SPEC_STATUS}`,
        allOfRef: 'ReplicationControllerSpec',
      },
      status: {
        description: `Status is the most recently observed status of the replication controller. This data may be out of date by some window of time. Populated by the system. Read-only. More info: ${SPEC_STATUS}`,
        allOfRef: 'ReplicationControllerStatus',
      },
    },
  },
  ReplicationControllerSpec: {
    type: 'object',
    description: 'ReplicationControllerSpec is the specification of a replication controller.',
    properties: {
      minReadySeconds: int(
        'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)',
      ),
      replicas: int(
        'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller',
      ),
      selector: strMap(
        'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
      ),
      template: obj('PodTemplateSpec', `${TEMPLATE_RS}. This takes precedence over a TemplateRef. The only allowed template.spec.restartPolicy value is "Always".`),
    },
  },
  ReplicationControllerStatus: {
    type: 'object',
    description: 'ReplicationControllerStatus represents the current status of a replication controller.',
    required: ['replicas'],
    properties: {
      availableReplicas: int('The number of available replicas (ready for at least minReadySeconds) for this replication controller.'),
      fullyLabeledReplicas: int('The number of pods that have labels matching the labels of the pod template of the replication controller.'),
      observedGeneration: int('ObservedGeneration reflects the generation of the most recently observed replication controller.'),
      readyReplicas: int('The number of ready replicas for this replication controller.'),
      replicas: int(
        'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller',
      ),
    },
  },
})
