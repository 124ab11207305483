// Jest 29 runs each test file in a fresh vm context whose Symbol lacks the explicit-resource-management
// symbols Node 20 defines on the main realm; `await using` needs them. Both the definition and the use of
// [Symbol.asyncDispose] run inside the same context, so a context-local symbol is enough.
const symbols = Symbol as unknown as Record<string, symbol | undefined>;
for (const name of ['dispose', 'asyncDispose']) {
  if (!symbols[name]) Object.defineProperty(Symbol, name, { value: Symbol(`Symbol.${name}`) });
}
export {};
