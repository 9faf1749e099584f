/**
 * When CloudFormation records each stack event of the live-monitoring benchmark: every resource
 * of the update starts (UPDATE_IN_PROGRESS) and ends (UPDATE_COMPLETE) at random moments within
 * the window, resources overlapping as they do in a real update. Seeded, so a schedule can be
 * played again: the app polls at fixed 2 s steps from the execution, so a fixed seed would place
 * every run's events at the same points of the poll cycle; the benchmark draws a seed per run.
 */
import type { ScriptedChange } from './query-xml';

export interface PlannedEvent {
  /** Milliseconds after ExecuteChangeSet. */
  readonly atMs: number;
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
  readonly status: 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE';
}

const TYPES = [
  ['Setting', 'AWS::SSM::Parameter'],
  ['Logs', 'AWS::Logs::LogGroup'],
  ['Queue', 'AWS::SQS::Queue'],
  ['Topic', 'AWS::SNS::Topic'],
] as const;

/** mulberry32: a small, good-enough seeded generator in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Resource {
  readonly logicalId: string;
  readonly physicalId: string;
  readonly resourceType: string;
}

function resourcesOf(count: number): Resource[] {
  return Array.from({ length: count }, (_, index) => {
    const [kind, resourceType] = TYPES[index % TYPES.length] ?? TYPES[0];
    const logicalId = `Workspace${kind}${String(index + 1).padStart(2, '0')}A1B2C3D4`;
    return { logicalId, physicalId: `gitpod-cell-${kind.toLowerCase()}-${index + 1}`, resourceType };
  });
}

/** Two events per resource at random moments in [startMs, endMs], oldest first. */
export function eventSchedule(
  resources: number,
  window: { readonly startMs: number; readonly endMs: number },
  seed: number,
): PlannedEvent[] {
  const random = seededRandom(seed);
  const span = window.endMs - window.startMs;
  const planned: PlannedEvent[] = [];
  for (const resource of resourcesOf(resources)) {
    const a = window.startMs + random() * span;
    const b = window.startMs + random() * span;
    planned.push({ ...resource, atMs: Math.round(Math.min(a, b)), status: 'UPDATE_IN_PROGRESS' });
    planned.push({ ...resource, atMs: Math.round(Math.max(a, b)), status: 'UPDATE_COMPLETE' });
  }
  return planned.sort((x, y) => x.atMs - y.atMs);
}

/** The change set behind those events: one modified resource each, so progress reads "n of N". */
export function scheduledChanges(resources: number): ScriptedChange[] {
  return resourcesOf(resources).map((resource) => ({
    action: 'Modify',
    logicalId: resource.logicalId,
    physicalId: resource.physicalId,
    resourceType: resource.resourceType,
    replacement: 'False',
    details: [
      {
        name: 'Description',
        requiresRecreation: 'Never',
        evaluation: 'Static',
        changeSource: 'DirectModification',
        beforeValue: 'release 2026.41',
        afterValue: 'release 2026.42',
      },
    ],
  }));
}
