// The line log of a view without a lab (`watch`, or `replay` without one, outside a terminal): one
// line per transition worth reading, as `run` prints them, stamped with the time since the start.

import { describeTransition } from '../report/describe.js';
import { elapsed } from '../report/text.js';
import type { Transition } from '../timeline/transitions.js';

export function transitionLines(transitions: readonly Transition[], start: number): string[] {
  return transitions.flatMap((transition) => {
    const text = describeTransition(transition);
    return text === undefined ? [] : [`${elapsed(transition.at - start)} ${text}`];
  });
}
