// What the replay and watch views put around the run view's panes: their own header, keys line,
// help and keys. With a frame there is no run to stop and nothing to clean up, so q leaves at once.

import type { Key } from 'ink';
import type { Messages } from '../i18n/messages.js';
import type { HelpKey } from './help-overlay.js';
import type { Line } from './lines.js';
import type { RunViewState } from './run-view-state.js';

export interface ViewFrame {
  /**
   * Replaces the run's two header lines. Called on every render, and the view renders when the
   * store changes: what the header reads besides `state` must change together with a store tick.
   */
  header?(state: RunViewState, width: number, m: Messages): Line[];
  /** Replaces the keys line at the bottom. */
  footer?(state: RunViewState, width: number, m: Messages): Line;
  /** The help screen's keys, in place of the run's. */
  keys(m: Messages): readonly HelpKey[];
  /** Sees each key before the panes do (not q, ?, Esc); true when it used the key. */
  onInput?(input: string, key: Key): boolean;
}
