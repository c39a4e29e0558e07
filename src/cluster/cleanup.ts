// A registry of things to undo (a namespace to delete, a watch to stop) that runs each of them
// once, newest first, whichever way the process ends. Failures are collected, not thrown, so one
// failed cleanup does not skip the others.

export interface CleanupOutcome {
  label: string;
  error?: Error;
}

export class Cleanup {
  private readonly entries: { label: string; run: () => Promise<void> | void }[] = [];
  private running: Promise<CleanupOutcome[]> | undefined;

  /** Returns a function that removes the entry (when the thing was undone by normal means). */
  register(label: string, run: () => Promise<void> | void): () => void {
    const entry = { label, run };
    this.entries.push(entry);
    return () => {
      const index = this.entries.indexOf(entry);
      if (index >= 0) this.entries.splice(index, 1);
    };
  }

  get pending(): string[] {
    return this.entries.map((entry) => entry.label);
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** Runs every entry once; later calls return the same outcome. */
  run(): Promise<CleanupOutcome[]> {
    this.running ??= (async () => {
      const outcomes: CleanupOutcome[] = [];
      for (const entry of this.entries.splice(0).reverse()) {
        try {
          await entry.run();
          outcomes.push({ label: entry.label });
        } catch (error) {
          outcomes.push({ label: entry.label, error: error instanceof Error ? error : new Error(String(error)) });
        }
      }
      return outcomes;
    })();
    return this.running;
  }
}
