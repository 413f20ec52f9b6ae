/**
 * Past one machine: the Kubernetes objects that run a Monte Carlo set as an Indexed Job of
 * shards (each writes a part file to a shared volume) and a merge Job that waits for every part
 * and writes the merged result. Plain objects; the CLI renders them as YAML.
 */

export interface JobPlan {
  /** Lower-case name stem, e.g. "vmo-ra-64-node-failure". */
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  /** The site as simulated (overrides applied) and the drill, as files for a ConfigMap. */
  readonly siteYaml: string;
  readonly drillYaml: string;
  readonly seed: number;
  readonly runs: number;
  readonly shards: number;
  readonly parallelism: number;
  readonly workersPerShard: number;
  readonly force: boolean;
}

const dns = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 52);

export function indexedJob(p: JobPlan): Array<Record<string, unknown>> {
  const name = dns(p.name);
  const labels = { 'app.kubernetes.io/name': 'vmo-twin', 'app.kubernetes.io/instance': name };
  const input = `${name}-input`;
  const parts = `${name}-parts`;
  const volumes = [
    { name: 'input', configMap: { name: input } },
    { name: 'parts', persistentVolumeClaim: { claimName: parts } },
  ];
  const mounts = [
    { name: 'input', mountPath: '/input', readOnly: true },
    { name: 'parts', mountPath: '/parts' },
  ];
  const simulateArgs = [
    'simulate',
    '/input/site.yaml',
    '--drill',
    '/input/drill.yaml',
    '--seed',
    String(p.seed),
    '--runs',
    String(p.runs),
    '--workers',
    String(p.workersPerShard),
    '--shard',
    `$(SHARD_INDEX)/${p.shards}`,
    '--out',
    '/parts/part-$(SHARD_INDEX).json',
    ...(p.force ? ['--force'] : []),
  ];
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: input, namespace: p.namespace, labels }, data: { 'site.yaml': p.siteYaml, 'drill.yaml': p.drillYaml } },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: parts, namespace: p.namespace, labels },
      // Every shard pod writes here at once, possibly from several nodes: ReadWriteMany (a
      // Portworx sharedv4 class on the reference architecture's cluster).
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `${name}-shards`, namespace: p.namespace, labels },
      spec: {
        completionMode: 'Indexed',
        completions: p.shards,
        parallelism: Math.min(p.parallelism, p.shards),
        backoffLimit: p.shards * 2,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'simulate',
                image: p.image,
                args: simulateArgs,
                env: [{ name: 'SHARD_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }],
                resources: { requests: { cpu: String(p.workersPerShard), memory: '1Gi' }, limits: { memory: '4Gi' } },
                volumeMounts: mounts,
              },
            ],
            volumes,
          },
        },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: `${name}-merge`, namespace: p.namespace, labels },
      spec: {
        backoffLimit: 2,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            initContainers: [
              {
                name: 'wait-for-parts',
                image: p.image,
                command: ['sh', '-c', `until [ "$(ls /parts/part-*.json 2>/dev/null | wc -l)" -ge ${p.shards} ]; do sleep 10; done`],
                volumeMounts: mounts,
              },
            ],
            containers: [
              {
                name: 'merge',
                image: p.image,
                command: ['sh', '-c', 'vmo-twin merge /parts/part-*.json --json > /parts/result.json; status=$?; vmo-twin merge /parts/part-*.json; exit $status'],
                volumeMounts: mounts,
              },
            ],
            volumes,
          },
        },
      },
    },
  ];
}
