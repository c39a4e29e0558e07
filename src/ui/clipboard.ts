// Copying to the clipboard of the terminal the view runs in, wherever that terminal is (over
// ssh too): the OSC 52 escape sequence asks the terminal to set its clipboard. Terminals that do
// not support it ignore it, and the text stays on screen to select with the mouse. Inside tmux it
// reaches the clipboard when tmux allows it (`set -g set-clipboard on`).

export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
