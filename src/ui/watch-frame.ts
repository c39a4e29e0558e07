// The watch view's frame: the run view's header and keys line fit a watch as they are (the
// header names what is watched); only q means something else, since a watch changes nothing.

import { KEYS } from './help-overlay.js';
import type { ViewFrame } from './view-frame.js';

export const WATCH_FRAME: ViewFrame = {
  keys: [['q, Ctrl-C', 'stop watching (the watch only reads; nothing to clean up)'], ...KEYS.filter(([key]) => key !== 'q, Ctrl-C')],
};
