// String.prototype.charCodeAt called as a function. `text.charCodeAt(i)` looks the method up on the string, and
// strings come in many internal representations (flat or sliced, one or two bytes a character, internalised):
// once a call site has seen more than four, V8 stops optimising the lookup, and in the per-character loops it
// then cost more than the rest of the loop.
export const charCodeAt = Function.prototype.call.bind(String.prototype.charCodeAt) as (
  text: string,
  at: number,
) => number;
