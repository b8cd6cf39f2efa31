// Collects file-system events into batches for LatentIndex.updateFiles: a save
// storm (format on save, git checkout, a build writing many files) becomes one
// update after things go quiet, and a file created then deleted inside one
// batch is simply removed. Free of `vscode` so it is unit-tested.

export interface ChangeBatch {
  /** Created or changed, relative paths with '/'. */
  readonly changed: readonly string[];
  /** Deleted (a rename is a delete plus a create), relative paths with '/'. */
  readonly removed: readonly string[];
}

export class ChangeBatcher {
  // Last event per file wins: changed after removed is a re-creation.
  private readonly pending = new Map<string, 'changed' | 'removed'>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly flush: (batch: ChangeBatch) => void,
  ) {}

  changed(file: string): void {
    this.add(file, 'changed');
  }

  removed(file: string): void {
    this.add(file, 'removed');
  }

  get size(): number {
    return this.pending.size;
  }

  /** Hands over what is pending now (used when an index finishes building). */
  flushNow(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const changed: string[] = [];
    const removed: string[] = [];
    for (const [file, what] of this.pending) (what === 'changed' ? changed : removed).push(file);
    this.pending.clear();
    this.flush({ changed, removed });
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private add(file: string, what: 'changed' | 'removed'): void {
    this.pending.set(file, what);
    // Restarted on every event, so the batch goes out once events stop.
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushNow(), this.delayMs);
  }
}
