// The watch view's frame: the run view's header and keys line fit a watch as they are (the
// header names what is watched); only q means something else, since a watch changes nothing,
// and there are no actions whose kubectl commands `c` could show.

import { runKeys } from './help-overlay.js';
import type { ViewFrame } from './view-frame.js';

export const WATCH_FRAME: ViewFrame = {
  keys: (m) => [['q, Ctrl-C', m.help.watchQuit], ...runKeys(m).filter(([key]) => key !== 'q, Ctrl-C' && key !== 'c')],
};
