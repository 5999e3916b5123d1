/** Read-cache keys of the batch actions and the destruction log (under ['retention'], with the queue's). */
export const retentionActionKeys = {
  all: ['retention'] as const,
  batches: ['retention', 'batches'] as const,
  certificates: ['retention', 'certificates'] as const,
};
