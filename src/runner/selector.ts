// Equality-based label selectors ("app=web", "tier!=db", "a==b"), the form lab files accept.

export function matchesSelector(selector: string, labels: Record<string, string> | undefined): boolean {
  return selector.split(',').every((term) => {
    const match = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(\S*)\s*$/.exec(term);
    if (!match) return false;
    const [, key, op, value] = match;
    const actual = labels?.[key!];
    return op === '!=' ? actual !== value : actual === value;
  });
}
