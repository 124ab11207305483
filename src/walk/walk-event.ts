/** Where an image is in a walk, for live progress. */
export type WalkPhase =
  'waiting' | 'building' | 'describing' | 'pushing' | 'built' | 'reused' | 'failed' | 'skipped';

export interface WalkEvent {
  image: string;
  phase: WalkPhase;
}
